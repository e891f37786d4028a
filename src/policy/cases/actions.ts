/** Action and NotAction matching (case-insensitive, `*` and `?`). */
import { ACCT, BUCKET, allow, v12 } from './fixtures.js'
import type { EvalCase } from './types.js'

const ACTION = 'IAM User Guide: IAM JSON policy elements: Action'
const NOTACTION = 'IAM User Guide: IAM JSON policy elements: NotAction'
const CASE = 'spec 5.3 (actions match case-insensitively)'
const user = (name: string) => `arn:aws:iam::${ACCT}:user/${name}`

const one = (name: string, pattern: string | string[], action: string, resource: string, allowed: boolean, source = ACTION): EvalCase => ({
  name,
  source,
  policies: { identity: [v12(allow(pattern, '*', { Sid: 'S' }))] },
  request: { principal: 'jill', action, resource },
  expect: allowed ? { decision: 'Allowed', by: 'identity', statement: 'S' } : { decision: 'ImplicitDeny', by: 'identity' },
})

const mfaGuard = v12(
  allow('*', '*', { Sid: 'Everything' }),
  {
    Sid: 'DenyAllExceptListedIfNoMFA',
    Effect: 'Deny',
    NotAction: ['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'iam:GetUser', 'iam:ListMFADevices', 'sts:GetSessionToken', 'iam:ChangePassword'],
    Resource: '*',
    Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
  },
)

export const cases: EvalCase[] = [
  one('lower-case policy action matches camel-case request', 's3:getobject', 's3:GetObject', `${BUCKET}/k`, true, CASE),
  one('upper-case policy action matches', 'S3:GETOBJECT', 's3:GetObject', `${BUCKET}/k`, true, CASE),
  one('lower-case request action matches camel-case policy', 'iam:ListUsers', 'iam:listusers', user(''), true, CASE),
  one('prefix wildcard s3:Get* matches s3:GetObjectAcl', 's3:Get*', 's3:GetObjectAcl', `${BUCKET}/k`, true),
  one('prefix wildcard s3:Get* does not match s3:PutObject', 's3:Get*', 's3:PutObject', `${BUCKET}/k`, false),
  one('infix wildcard iam:*AccessKey* matches iam:CreateAccessKey', 'iam:*AccessKey*', 'iam:CreateAccessKey', user('jill'), true),
  one('infix wildcard iam:*AccessKey* matches iam:ListAccessKeys', 'iam:*AccessKey*', 'iam:ListAccessKeys', user('jill'), true),
  one('infix wildcard iam:*AccessKey* does not match iam:CreateUser', 'iam:*AccessKey*', 'iam:CreateUser', user('x'), false),
  one('? matches exactly one character (iam:?etUser)', 'iam:?etUser', 'iam:GetUser', user('jill'), true),
  one('? does not match two characters', 'iam:?User', 'iam:GetUser', user('jill'), false),
  one('? does not match zero characters', 'iam:Get?User', 'iam:GetUser', user('jill'), false),
  one('s3:Get?bject matches s3:GetObject', 's3:Get?bject', 's3:GetObject', `${BUCKET}/k`, true),
  one('s3:* does not match another service (s3-object-lambda)', 's3:*', 's3-object-lambda:GetObject', '*', false),
  one('* matches any action of any service', '*', 'kms:Decrypt', '*', true),
  one('sts:AssumeRole does not match sts:AssumeRoleWithSAML', 'sts:AssumeRole', 'sts:AssumeRoleWithSAML', '*', false),
  one('sts:AssumeRole* matches sts:AssumeRoleWithWebIdentity', 'sts:AssumeRole*', 'sts:AssumeRoleWithWebIdentity', '*', true),
  one('ec2:*Instances matches ec2:DescribeInstances', 'ec2:*Instances', 'ec2:DescribeInstances', '*', true),
  one('ec2:*Instances does not match ec2:DescribeInstanceStatus', 'ec2:*Instances', 'ec2:DescribeInstanceStatus', '*', false),
  one('two wildcards: s3:*Object* matches s3:PutObjectAcl', 's3:*Object*', 's3:PutObjectAcl', `${BUCKET}/k`, true),
  one('action list: a later pattern matches', ['iam:List*', 'iam:Get*'], 'iam:GetAccountPasswordPolicy', '*', true),
  one('exact action does not match a longer name', 'iam:GetUser', 'iam:GetUserPolicy', user('jill'), false),
  {
    name: 'NotAction with Allow grants actions outside the list',
    source: `${NOTACTION} (NotAction with Allow: everything except the listed actions)`,
    policies: { identity: [v12({ Sid: 'AllButIam', Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })] },
    request: { principal: 'jill', action: 's3:GetObject', resource: `${BUCKET}/k` },
    expect: { decision: 'Allowed', by: 'identity', statement: 'AllButIam' },
  },
  {
    name: 'NotAction with Allow does not grant the listed actions',
    source: `${NOTACTION} (NotAction with Allow)`,
    policies: { identity: [v12({ Sid: 'AllButIam', Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })] },
    request: { principal: 'jill', action: 'iam:GetUser', resource: user('jill') },
    expect: { decision: 'ImplicitDeny', by: 'identity' },
  },
  {
    name: 'NotAction list matches case-insensitively (IAM:createuser is excluded)',
    source: `${NOTACTION}; ${CASE}`,
    policies: { identity: [v12({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' })] },
    request: { principal: 'jill', action: 'IAM:createuser', resource: user('x') },
    expect: { decision: 'ImplicitDeny', by: 'identity' },
  },
  {
    name: 'NotAction with Deny (MFA guard) denies other actions without MFA',
    source: `${NOTACTION} (NotAction with Deny); IAM User Guide example "allows IAM users to self-manage an MFA device"`,
    policies: { identity: [mfaGuard] },
    request: { principal: 'jill', action: 's3:ListAllMyBuckets', resource: '*' },
    expect: { decision: 'ExplicitDeny', by: 'identity', statement: 'DenyAllExceptListedIfNoMFA' },
  },
  {
    name: 'NotAction with Deny (MFA guard) leaves the listed actions allowed',
    source: `${NOTACTION} (NotAction with Deny)`,
    policies: { identity: [mfaGuard] },
    request: { principal: 'jill', action: 'iam:ChangePassword', resource: user('jill') },
    expect: { decision: 'Allowed', by: 'identity', statement: 'Everything' },
  },
  {
    name: 'NotAction with Deny (MFA guard) does not deny when MFA is present',
    source: `${NOTACTION}; IAM User Guide: Condition operators (...IfExists)`,
    policies: { identity: [mfaGuard] },
    request: { principal: 'jill', action: 's3:ListAllMyBuckets', resource: '*', context: { 'aws:MultiFactorAuthPresent': true } },
    expect: { decision: 'Allowed', by: 'identity', statement: 'Everything' },
  },
  {
    name: 'NotAction Allow is still limited by Resource',
    source: `${NOTACTION} (NotAction applies only to the listed resources)`,
    policies: { identity: [v12({ Sid: 'B', Effect: 'Allow', NotAction: 's3:DeleteBucket', Resource: BUCKET })] },
    request: { principal: 'jill', action: 's3:ListBucket', resource: 'arn:aws:s3:::other-bucket' },
    expect: { decision: 'ImplicitDeny', by: 'identity' },
  },
  {
    name: 'NotAction Allow grants on the listed resource',
    source: NOTACTION,
    policies: { identity: [v12({ Sid: 'B', Effect: 'Allow', NotAction: 's3:DeleteBucket', Resource: BUCKET })] },
    request: { principal: 'jill', action: 's3:ListBucket', resource: BUCKET },
    expect: { decision: 'Allowed', by: 'identity', statement: 'B' },
  },
]
