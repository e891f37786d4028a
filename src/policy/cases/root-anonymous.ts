/** The root user, anonymous callers and service principals. */
import { ACCT, BUCKET, OTHER, allow, deny, grant, v12 } from './fixtures.js'
import type { EvalCase } from './types.js'

const ROOT = 'IAM User Guide: How AWS enforcement code logic evaluates requests (the root user has full access)'
const ANON = 'S3 User Guide: Bucket policy examples (granting read-only permission to anonymous users)'
const ROOT_ARN = `arn:aws:iam::${ACCT}:root`
const OBJ = `${BUCKET}/k`

export const cases: EvalCase[] = [
  { name: 'root may do anything in its own account', source: ROOT, policies: {}, request: { principal: 'root', action: 'iam:CreateUser', resource: `arn:aws:iam::${ACCT}:user/x` }, expect: { decision: 'Allowed', by: 'root' } },
  { name: 'root is not subject to identity-based policies', source: `${ROOT}; spec 5.1 (root has no identity policies)`, policies: { identity: [v12(deny('*'))] }, request: { principal: 'root', action: 's3:ListAllMyBuckets', resource: '*' }, expect: { decision: 'Allowed', by: 'root' } },
  {
    name: 'root is stopped by an explicit Deny in a bucket policy',
    evidence: { level: 'documented', ref: 'S3 UG format' },
    source: `${ROOT}; spec 5.1 (only an explicit resource-policy deny restricts root)`,
    policies: { resource: v12({ Sid: 'Lock', Effect: 'Deny', Principal: '*', Action: 's3:DeleteBucket', Resource: BUCKET }) },
    request: { principal: 'root', action: 's3:DeleteBucket', resource: BUCKET },
    expect: {
      decision: 'ExplicitDeny',
      by: 'resource',
      statement: 'Lock',
      style: 's3',
      message: `User: ${ROOT_ARN} is not authorized to perform: s3:DeleteBucket on resource: "${BUCKET}" with an explicit deny in a resource-based policy`,
    },
  },
  {
    name: 'a bucket Deny naming the account applies to its root user',
    source: `${ROOT}; IAM User Guide: AWS JSON policy elements: Principal (account principals)`,
    policies: { resource: v12({ Sid: 'Acct', Effect: 'Deny', Principal: { AWS: ACCT }, Action: 's3:*', Resource: `${BUCKET}/*` }) },
    request: { principal: 'root', action: 's3:GetObject', resource: OBJ },
    expect: { decision: 'ExplicitDeny', by: 'resource', statement: 'Acct' },
  },
  { name: 'root of another account needs the bucket policy to allow', source: 'IAM User Guide: Cross-account policy evaluation logic', policies: {}, request: { principal: 'otherRoot', action: 's3:GetObject', resource: OBJ, resourceAccount: ACCT }, expect: { decision: 'ImplicitDeny', by: 'resource', style: 's3', message: 'Access Denied' }, evidence: { level: 'documented', ref: 'S3 UG (cross-account -> Access Denied)' } },
  {
    name: 'root of another account allowed by a bucket policy naming that account',
    source: 'IAM User Guide: Cross-account policy evaluation logic',
    policies: { resource: v12(grant({ AWS: OTHER }, 's3:GetObject', `${BUCKET}/*`, { Sid: 'Other' })) },
    request: { principal: 'otherRoot', action: 's3:GetObject', resource: OBJ, resourceAccount: ACCT },
    expect: { decision: 'Allowed', by: 'resource', statement: 'Other' },
  },
  { name: 'anonymous caller allowed by a public bucket policy', source: ANON, policies: { resource: v12(grant('*', 's3:GetObject', `${BUCKET}/*`, { Sid: 'Public' })) }, request: { principal: 'anonymous', action: 's3:GetObject', resource: OBJ }, expect: { decision: 'Allowed', by: 'resource', statement: 'Public' } },
  { name: 'anonymous caller without a bucket policy', source: `${ANON}; spec 5.8 (anonymous S3 requests get plain Access Denied)`, policies: {}, request: { principal: 'anonymous', action: 's3:GetObject', resource: OBJ }, expect: { decision: 'ImplicitDeny', by: 'resource', style: 's3', message: 'Access Denied' }, evidence: { level: 'documented', ref: 'S3 UG' } },
  { name: 'anonymous caller is not an account principal', source: 'IAM User Guide: AWS JSON policy elements: Principal (anonymous users)', policies: { resource: v12(grant({ AWS: ACCT }, 's3:GetObject', `${BUCKET}/*`)) }, request: { principal: 'anonymous', action: 's3:GetObject', resource: OBJ }, expect: { decision: 'ImplicitDeny', by: 'resource' } },
  {
    name: 'anonymous caller blocked by a Deny with NotPrincipal',
    source: 'IAM User Guide: AWS JSON policy elements: NotPrincipal',
    policies: { resource: v12(grant('*', 's3:GetObject', `${BUCKET}/*`), { Sid: 'OnlyAccount', Effect: 'Deny', NotPrincipal: { AWS: ACCT }, Action: 's3:*', Resource: `${BUCKET}/*` }) },
    request: { principal: 'anonymous', action: 's3:GetObject', resource: OBJ },
    expect: { decision: 'ExplicitDeny', by: 'resource', statement: 'OnlyAccount' },
  },
  { name: 'anonymous caller with a public policy limited by IP', source: `${ANON}; IAM User Guide: Condition operators (IpAddress)`, policies: { resource: v12(grant('*', 's3:GetObject', `${BUCKET}/*`, { Condition: { IpAddress: { 'aws:SourceIp': '192.0.2.0/24' } } })) }, request: { principal: 'anonymous', action: 's3:GetObject', resource: OBJ, context: { 'aws:SourceIp': '198.51.100.1' } }, expect: { decision: 'ImplicitDeny', by: 'resource' } },
  { name: 'a service principal gets nothing from identity policies', source: 'IAM User Guide: AWS JSON policy elements: Principal (service principals)', policies: { identity: [v12(allow('*'))] }, request: { principal: 'ec2', action: 's3:GetObject', resource: OBJ }, expect: { decision: 'ImplicitDeny', by: 'resource' } },
]
