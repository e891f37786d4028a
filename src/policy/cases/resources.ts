/** Resource / NotResource matching: ARN segments, wildcards, case, S3 bucket vs object ARNs. */
import { ACCT, BUCKET, allow, v12 } from './fixtures.js'
import type { EvalCase } from './types.js'

const RES = 'IAM User Guide: IAM JSON policy elements: Resource'
const SEG = 'spec 5.3 (Resource ARNs compared segment-wise; wildcards within a segment)'
const S3 = 'S3 User Guide: Policy resources for Amazon S3 (ListBucket on the bucket ARN, GetObject on object ARNs)'

const one = (name: string, pattern: string | string[], resource: string, allowed: boolean, source = RES, action = 's3:GetObject'): EvalCase => ({
  name,
  source,
  policies: { identity: [v12(allow(action, pattern, { Sid: 'S' }))] },
  request: { principal: 'jill', action, resource },
  expect: allowed ? { decision: 'Allowed', by: 'identity', statement: 'S' } : { decision: 'ImplicitDeny', by: 'identity' },
})
const iam = (action: string, pattern: string, resource: string, allowed: boolean, name: string, source = SEG) => one(name, pattern, resource, allowed, source, action)

export const cases: EvalCase[] = [
  one('"*" matches any object', '*', `${BUCKET}/k`, true),
  one('bucket/* matches an object at the root', `${BUCKET}/*`, `${BUCKET}/photo.jpg`, true, S3),
  one('bucket/* matches a nested key (the resource part spans /)', `${BUCKET}/*`, `${BUCKET}/a/b/c.txt`, true, S3),
  one('bucket/* does not match another bucket with the same prefix', `${BUCKET}/*`, `${BUCKET}-logs/k`, false, S3),
  one('bucket* matches a longer bucket name', `${BUCKET}*`, `${BUCKET}-logs/k`, true, SEG),
  one('resource part is case-sensitive', `${BUCKET}/Photos/*`, `${BUCKET}/photos/a.jpg`, false, 'spec 5.3 (resource matching is case-sensitive)'),
  one('exact object ARN', `${BUCKET}/report.csv`, `${BUCKET}/report.csv`, true),
  one('exact object ARN does not match another key', `${BUCKET}/report.csv`, `${BUCKET}/report.csv.bak`, false),
  one('? in the key matches one character', `${BUCKET}/file?.txt`, `${BUCKET}/file1.txt`, true, SEG),
  one('? in the key does not match two characters', `${BUCKET}/file?.txt`, `${BUCKET}/file12.txt`, false, SEG),
  one('a key containing * is matched literally by a literal pattern', `${BUCKET}/a*b`, `${BUCKET}/a*b`, true, SEG),
  one('arn:aws:s3:::* matches every bucket and object', 'arn:aws:s3:::*', `${BUCKET}/k`, true, S3),
  one('service segment must match: arn:aws:s3:::* does not match an IAM ARN', 'arn:aws:s3:::*', `arn:aws:iam::${ACCT}:user/jill`, false, SEG),
  {
    name: 's3:ListBucket is evaluated on the bucket ARN: bucket/* does not allow it',
    source: `${S3}; spec 5.3`,
    policies: { identity: [v12(allow('s3:*', `${BUCKET}/*`))] },
    request: { principal: 'jill', action: 's3:ListBucket', resource: BUCKET },
    expect: { decision: 'ImplicitDeny', by: 'identity' },
  },
  {
    name: 's3:ListBucket allowed on the bucket ARN',
    source: S3,
    policies: { identity: [v12(allow('s3:ListBucket', BUCKET, { Sid: 'S' }))] },
    request: { principal: 'jill', action: 's3:ListBucket', resource: BUCKET },
    expect: { decision: 'Allowed', by: 'identity', statement: 'S' },
  },
  {
    name: 'bucket ARN alone does not allow GetObject on its objects',
    source: S3,
    policies: { identity: [v12(allow('s3:*', BUCKET))] },
    request: { principal: 'jill', action: 's3:GetObject', resource: `${BUCKET}/k` },
    expect: { decision: 'ImplicitDeny', by: 'identity' },
  },
  iam('iam:GetUser', `arn:aws:iam::${ACCT}:user/*`, `arn:aws:iam::${ACCT}:user/bob`, true, 'user/* matches a user'),
  iam('iam:GetUser', `arn:aws:iam::${ACCT}:user/*`, `arn:aws:iam::${ACCT}:user/dev/alice`, true, 'user/* matches a user with a path'),
  iam('iam:GetUser', `arn:aws:iam::${ACCT}:user/dev/*`, `arn:aws:iam::${ACCT}:user/alice`, false, 'user/dev/* does not match a user outside the path'),
  iam('iam:GetUser', 'arn:aws:iam::*:user/bob', `arn:aws:iam::${ACCT}:user/bob`, true, 'wildcard account segment matches any account'),
  iam('iam:GetUser', 'arn:aws:iam::111122223333:user/bob', `arn:aws:iam::${ACCT}:user/bob`, false, 'a different account segment does not match'),
  iam('iam:GetUser', 'arn:aws:iam::1234*:user/bob', `arn:aws:iam::${ACCT}:user/bob`, true, 'wildcard inside the account segment'),
  iam('iam:GetRole', 'arn:aws:iam::*:role/*', `arn:aws:iam::${ACCT}:role/service-role/Lambda`, true, 'role/* matches a role with a service-role path'),
  iam('iam:GetRole', `arn:aws:iam::${ACCT}:role/App?`, `arn:aws:iam::${ACCT}:role/App1`, true, '? at the end of a role name'),
  iam('iam:GetRole', `arn:aws:iam::${ACCT}:role/App?`, `arn:aws:iam::${ACCT}:role/App`, false, '? needs one character'),
  iam('logs:PutLogEvents', `arn:aws:logs:us-east-1:${ACCT}:log-group:app:*`, `arn:aws:logs:us-east-1:${ACCT}:log-group:app:log-stream:s1`, true, 'the resource part keeps its colons (log-group:app:*)'),
  iam('logs:PutLogEvents', `arn:aws:logs:*:${ACCT}:log-group:app:*`, `arn:aws:logs:eu-west-1:${ACCT}:log-group:app:log-stream:s1`, true, 'wildcard region segment'),
  iam('logs:PutLogEvents', `arn:aws:logs:us-*:${ACCT}:log-group:app:*`, `arn:aws:logs:eu-west-1:${ACCT}:log-group:app:log-stream:s1`, false, 'wildcard in the region segment does not cross into other regions'),
  iam('logs:PutLogEvents', `arn:aws:logs:*:*:log-group:*`, `arn:aws:logs:us-east-1:${ACCT}:log-group:app:log-stream:s1`, true, '* in the resource part spans colons'),
  iam('dynamodb:GetItem', 'arn:aws:dynamodb:*:*:table/Books', `arn:aws:dynamodb:us-east-1:${ACCT}:table/Books`, true, 'region and account wildcards'),
  iam('dynamodb:GetItem', 'arn:aws:dynamodb:us-east-1:*:table/Books', 'arn:aws:dynamodb:us-east-1::table/Books', true, 'an empty account segment is matched by *'),
  iam('ec2:StartInstances', `arn:aws:ec2:us-east-1:${ACCT}:instance/*`, `arn:aws:ec2:us-east-1:${ACCT}:volume/vol-1`, false, 'resource type is part of the resource segment'),
  iam('s3:ListAllMyBuckets', BUCKET, '*', false, 'an action without a resource needs Resource "*" (a specific ARN does not match)', 'IAM User Guide: IAM JSON policy elements: Resource (actions that do not support resource-level permissions)'),
  iam('s3:ListAllMyBuckets', '*', '*', true, 'an action without a resource is matched by "*"', RES),
  {
    name: 'NotResource with Allow grants everything except the listed ARN',
    source: 'IAM User Guide: IAM JSON policy elements: NotResource',
    policies: { identity: [v12({ Sid: 'N', Effect: 'Allow', Action: 's3:*', NotResource: `arn:aws:s3:::secret/*` })] },
    request: { principal: 'jill', action: 's3:GetObject', resource: `${BUCKET}/k` },
    expect: { decision: 'Allowed', by: 'identity', statement: 'N' },
  },
  {
    name: 'NotResource with Allow does not grant the listed ARN',
    source: 'IAM User Guide: IAM JSON policy elements: NotResource',
    policies: { identity: [v12({ Sid: 'N', Effect: 'Allow', Action: 's3:*', NotResource: `arn:aws:s3:::secret/*` })] },
    request: { principal: 'jill', action: 's3:GetObject', resource: 'arn:aws:s3:::secret/plans.txt' },
    expect: { decision: 'ImplicitDeny', by: 'identity' },
  },
]
