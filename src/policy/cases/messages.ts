/** Exact AccessDenied texts for every reason, principal kind and style. */
import { ACCT, BUCKET, allow, deny, v12 } from './fixtures.js'
import type { EvalCase } from './types.js'

const TROUBLE = 'IAM User Guide: Troubleshoot access denied error messages'
const S3T = 'S3 User Guide: Troubleshoot access denied (403 Forbidden) errors in Amazon S3 (quoted resource ARN)'
const NORES = 'spec 5.8 (actions without a resource omit " on resource: ...")'
const JILL = `arn:aws:iam::${ACCT}:user/jill`
const ALICE = `arn:aws:iam::${ACCT}:user/dev/alice`
const SESSION = `arn:aws:sts::${ACCT}:assumed-role/Deploy/ci`
const OBJ = `${BUCKET}/photos/cat.jpg`

export const cases: EvalCase[] = [
  {
    name: 'message: implicit deny, IAM user with a path',
    evidence: { level: 'reported', ref: 'CreateUser names the target ARN in many real denials (654353650965, 536579536218, 731872836472...)' },
    source: TROUBLE,
    policies: {},
    request: { principal: 'alice', action: 'iam:CreateUser', resource: `arn:aws:iam::${ACCT}:user/bob` },
    expect: { decision: 'ImplicitDeny', message: `User: ${ALICE} is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${ACCT}:user/bob because no identity-based policy allows the iam:CreateUser action` },
  },
  {
    name: 'message: implicit deny without a resource',
    evidence: { level: 'engine', ref: 'engine text for a request on `*`. AWS IAM names CreatePolicy `on resource: policy <name>` (DynamoDB DAX guide; real 542561660426) and prints `on resource: *` for IAM actions on `*`: the IAM emulator does both (denial-resource.ts)' },
    source: NORES,
    policies: {},
    request: { principal: 'jill', action: 'iam:CreatePolicy', resource: '*' },
    expect: { decision: 'ImplicitDeny', message: `User: ${JILL} is not authorized to perform: iam:CreatePolicy because no identity-based policy allows the iam:CreatePolicy action` },
  },
  {
    name: 'message: S3 style quotes the resource',
    evidence: { level: 'documented', ref: 'S3 UG troubleshoot-403' },
    source: S3T,
    policies: {},
    request: { principal: 'jill', action: 's3:GetObject', resource: OBJ },
    expect: { decision: 'ImplicitDeny', style: 's3', message: `User: ${JILL} is not authorized to perform: s3:GetObject on resource: "${OBJ}" because no identity-based policy allows the s3:GetObject action` },
  },
  {
    name: 'message: S3 style without a resource',
    evidence: { level: 'reported', ref: 'many real `s3:ListAllMyBuckets because no identity-based policy allows ...` (no `on resource`)' },
    source: `${S3T}; ${NORES}`,
    policies: {},
    request: { principal: 'jill', action: 's3:ListAllMyBuckets', resource: '*' },
    expect: { decision: 'ImplicitDeny', style: 's3', message: `User: ${JILL} is not authorized to perform: s3:ListAllMyBuckets because no identity-based policy allows the s3:ListAllMyBuckets action` },
  },
  {
    name: 'message: S3 explicit deny in an identity-based policy',
    evidence: { level: 'documented', ref: 'S3 UG' },
    source: S3T,
    policies: { identity: [v12(allow('s3:*'), deny('s3:DeleteObject'))] },
    request: { principal: 'jill', action: 's3:DeleteObject', resource: OBJ },
    expect: { decision: 'ExplicitDeny', style: 's3', message: `User: ${JILL} is not authorized to perform: s3:DeleteObject on resource: "${OBJ}" with an explicit deny in an identity-based policy` },
  },
  {
    name: 'message: S3 boundary implicit deny for a role session',
    evidence: { level: 'documented', ref: '(pattern) S3 UG lists boundary reasons' },
    source: S3T,
    policies: { identity: [v12(allow('s3:*'))], boundary: v12(allow('ec2:*')) },
    request: { principal: 'deploy', action: 's3:PutObject', resource: OBJ },
    expect: { decision: 'ImplicitDeny', style: 's3', message: `User: ${SESSION} is not authorized to perform: s3:PutObject on resource: "${OBJ}" because no permissions boundary allows the s3:PutObject action` },
  },
  {
    name: 'message: S3 session policy implicit deny',
    evidence: { level: 'documented', ref: '(pattern) S3 UG' },
    source: S3T,
    policies: { identity: [v12(allow('s3:*'))], session: [v12(allow('s3:GetObject'))] },
    request: { principal: 'deploy', action: 's3:PutObject', resource: OBJ },
    expect: { decision: 'ImplicitDeny', style: 's3', message: `User: ${SESSION} is not authorized to perform: s3:PutObject on resource: "${OBJ}" because no session policy allows the s3:PutObject action` },
  },
  {
    name: 'message: S3 session policy explicit deny',
    evidence: { level: 'documented', ref: '(pattern) S3 UG' },
    source: S3T,
    policies: { identity: [v12(allow('s3:*'))], session: [v12(allow('s3:*'), deny('s3:PutObject'))] },
    request: { principal: 'deploy', action: 's3:PutObject', resource: OBJ },
    expect: { decision: 'ExplicitDeny', style: 's3', message: `User: ${SESSION} is not authorized to perform: s3:PutObject on resource: "${OBJ}" with an explicit deny in a session policy` },
  },
  {
    name: 'message: the action is quoted as requested (case kept)',
    evidence: { level: 'unconfirmed', ref: 'no evidence AWS echoes a lower-cased action' },
    source: TROUBLE,
    policies: {},
    request: { principal: 'jill', action: 'iam:listusers', resource: `arn:aws:iam::${ACCT}:user/` },
    expect: { decision: 'ImplicitDeny', message: `User: ${JILL} is not authorized to perform: iam:listusers on resource: arn:aws:iam::${ACCT}:user/ because no identity-based policy allows the iam:listusers action` },
  },
  {
    name: 'message: root denied by an explicit deny in a resource-based policy (query style)',
    evidence: { level: 'engine', ref: 'not AWS-shaped: s3 action in query style' },
    source: TROUBLE,
    policies: { resource: v12({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }) },
    request: { principal: 'root', action: 's3:GetBucketPolicy', resource: BUCKET },
    expect: { decision: 'ExplicitDeny', message: `User: arn:aws:iam::${ACCT}:root is not authorized to perform: s3:GetBucketPolicy on resource: ${BUCKET} with an explicit deny in a resource-based policy` },
  },
  {
    name: 'message: explicit deny for a role session (query style)',
    evidence: { level: 'engine', ref: 'engine text (ARN); AWS names AttachRolePolicy `on resource: role Deploy` (DAX guide, many real reports) and the IAM emulator does (denial-resource.ts)' },
    source: TROUBLE,
    policies: { identity: [v12(allow('*'), deny('iam:*'))] },
    request: { principal: 'deploy', action: 'iam:AttachRolePolicy', resource: `arn:aws:iam::${ACCT}:role/Deploy` },
    expect: { decision: 'ExplicitDeny', message: `User: ${SESSION} is not authorized to perform: iam:AttachRolePolicy on resource: arn:aws:iam::${ACCT}:role/Deploy with an explicit deny in an identity-based policy` },
  },
  {
    name: 'message: explicit deny in a permissions boundary without a resource',
    evidence: { level: 'engine', ref: 'engine text for a request on `*`; AWS IAM names CreatePolicy `policy <name>` (real 115189082206 boundary denial); the IAM emulator does (denial-resource.ts)' },
    source: TROUBLE,
    policies: { identity: [v12(allow('*'))], boundary: v12(allow('*'), deny('iam:CreatePolicy')) },
    request: { principal: 'jill', action: 'iam:CreatePolicy', resource: '*' },
    expect: { decision: 'ExplicitDeny', message: `User: ${JILL} is not authorized to perform: iam:CreatePolicy with an explicit deny in a permissions boundary` },
  },
  {
    name: 'message: S3 cross-account request gets plain Access Denied',
    evidence: { level: 'documented', ref: 'S3 UG troubleshoot-403 (enhanced context only same account/org)' },
    source: 'spec 5.8 (cross-account S3 requests keep the plain message)',
    policies: { identity: [v12(allow('s3:*'))] },
    request: { principal: 'jill', action: 's3:GetObject', resource: 'arn:aws:s3:::foreign/k', resourceAccount: '111122223333' },
    expect: { decision: 'ImplicitDeny', style: 's3', message: 'Access Denied' },
  },
]
