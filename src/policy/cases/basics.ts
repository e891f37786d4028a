/** Core evaluation rules: default deny, Allow, explicit Deny, unions across policies. */
import { ACCT, BUCKET, allow, deny, v12 } from './fixtures.js'
import type { EvalCase } from './types.js'

const EVAL = 'IAM User Guide: Policy evaluation logic'
const INTERPLAY = 'IAM User Guide: The difference between explicit and implicit denies'
const MANAGED = 'spec 8.1 AWS managed policy documents'
const USER_ARN = `arn:aws:iam::${ACCT}:user/jill`

const admin = { name: 'AdministratorAccess', id: 'arn:aws:iam::aws:policy/AdministratorAccess', document: v12(allow('*', '*')) }
const powerUser = {
  name: 'PowerUserAccess',
  id: 'arn:aws:iam::aws:policy/PowerUserAccess',
  document: v12(
    { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
    allow(['account:GetAccountInformation', 'iam:CreateServiceLinkedRole', 'iam:DeleteServiceLinkedRole', 'iam:ListRoles', 'organizations:DescribeOrganization'], '*'),
  ),
}
const iamRead = {
  name: 'IAMReadOnlyAccess',
  document: v12(allow(['iam:GenerateCredentialReport', 'iam:GenerateServiceLastAccessedDetails', 'iam:Get*', 'iam:List*', 'iam:SimulateCustomPolicy', 'iam:SimulatePrincipalPolicy'])),
}
const s3Read = { name: 'AmazonS3ReadOnlyAccess', document: v12(allow(['s3:Get*', 's3:List*', 's3:Describe*', 's3-object-lambda:Get*', 's3-object-lambda:List*'])) }

export const cases: EvalCase[] = [
  {
    name: 'no policies at all: implicit deny',
    evidence: { level: 'reported', ref: 'real ListUsers denials: `... iam:ListUsers on resource: arn:aws:iam::ACCT:user/ because no identity-based policy allows the iam:ListUsers action` (CloudTrail record 107513503799; several CLI transcripts)' },
    source: `${INTERPLAY} (requests are denied by default)`,
    policies: {},
    request: { principal: 'jill', action: 'iam:ListUsers', resource: `arn:aws:iam::${ACCT}:user/` },
    expect: {
      decision: 'ImplicitDeny',
      by: 'identity',
      message: `User: ${USER_ARN} is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::${ACCT}:user/ because no identity-based policy allows the iam:ListUsers action`,
    },
  },
  {
    name: 'exact Allow grants the action',
    source: EVAL,
    policies: { identity: [v12(allow('iam:ListUsers', '*', { Sid: 'ListUsers' }))] },
    request: { principal: 'jill', action: 'iam:ListUsers', resource: `arn:aws:iam::${ACCT}:user/` },
    expect: { decision: 'Allowed', by: 'identity', statement: 'ListUsers' },
  },
  {
    name: 'Allow for another action does not grant',
    source: EVAL,
    policies: { identity: [v12(allow('iam:ListGroups'))] },
    request: { principal: 'jill', action: 'iam:ListUsers', resource: `arn:aws:iam::${ACCT}:user/` },
    expect: { decision: 'ImplicitDeny', by: 'identity' },
  },
  {
    name: 'Deny overrides Allow in the same policy',
    evidence: { level: 'unconfirmed', ref: '(resource part) explicit-deny suffix confirmed by IAM UG; no real `iam:DeleteUser` denial found, so `on resource: <user ARN>` vs `user bob` is unknown. AWS may append `: <policy ARN>` for managed policies.' },
    source: `${INTERPLAY} (the Deny statement trumps the Allow statement)`,
    policies: { identity: [v12(allow('iam:*', '*', { Sid: 'All' }), deny('iam:DeleteUser', '*', { Sid: 'NoDelete' }))] },
    request: { principal: 'jill', action: 'iam:DeleteUser', resource: `arn:aws:iam::${ACCT}:user/bob` },
    expect: {
      decision: 'ExplicitDeny',
      by: 'identity',
      statement: 'NoDelete',
      message: `User: ${USER_ARN} is not authorized to perform: iam:DeleteUser on resource: arn:aws:iam::${ACCT}:user/bob with an explicit deny in an identity-based policy`,
    },
  },
  {
    name: 'Deny in a second policy overrides Allow in the first',
    source: EVAL,
    policies: { identity: [v12(allow('s3:*')), v12(deny('s3:DeleteBucket', '*', { Sid: 'Guard' }))] },
    request: { principal: 'jill', action: 's3:DeleteBucket', resource: BUCKET },
    expect: { decision: 'ExplicitDeny', by: 'identity', statement: 'Guard' },
  },
  {
    name: 'Deny listed before Allow still wins (order does not matter)',
    source: EVAL,
    policies: { identity: [v12(deny('s3:PutObject', '*', { Sid: 'D' }), allow('s3:*', '*', { Sid: 'A' }))] },
    request: { principal: 'jill', action: 's3:PutObject', resource: `${BUCKET}/k` },
    expect: { decision: 'ExplicitDeny', by: 'identity', statement: 'D' },
  },
  {
    name: 'Deny of a different action leaves the Allow in force',
    source: EVAL,
    policies: { identity: [v12(allow('s3:*', '*', { Sid: 'A' }), deny('s3:DeleteBucket'))] },
    request: { principal: 'jill', action: 's3:GetObject', resource: `${BUCKET}/k` },
    expect: { decision: 'Allowed', by: 'identity', statement: 'A' },
  },
  {
    name: 'group policy and user policy are unioned',
    source: 'IAM User Guide: Policy evaluation logic (identity-based policies: at least one Allow)',
    policies: { identity: [v12(allow('iam:ListGroups')), { name: 'group/Devs/inline/S3', document: v12(allow('s3:ListAllMyBuckets', '*', { Sid: 'FromGroup' })) }] },
    request: { principal: 'jill', action: 's3:ListAllMyBuckets', resource: '*' },
    expect: { decision: 'Allowed', by: 'identity', statement: 'FromGroup' },
  },
  {
    name: 'Statement given as a single object',
    source: 'IAM User Guide: IAM JSON policy grammar (statement = one statement or an array)',
    policies: { identity: [{ Version: '2012-10-17', Statement: { Sid: 'One', Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' } }] },
    request: { principal: 'jill', action: 'sts:GetCallerIdentity', resource: '*' },
    expect: { decision: 'Allowed', by: 'identity', statement: 'One' },
  },
  {
    name: 'several actions in one statement are OR-ed',
    source: 'IAM User Guide: IAM JSON policy elements: Action',
    policies: { identity: [v12(allow(['iam:ListUsers', 'iam:GetUser', 'iam:ListGroups'], '*', { Sid: 'S' }))] },
    request: { principal: 'jill', action: 'iam:GetUser', resource: `arn:aws:iam::${ACCT}:user/jill` },
    expect: { decision: 'Allowed', by: 'identity', statement: 'S' },
  },
  {
    name: 'several resources in one statement are OR-ed',
    source: 'IAM User Guide: IAM JSON policy elements: Resource',
    policies: { identity: [v12(allow('s3:GetObject', ['arn:aws:s3:::a/*', `${BUCKET}/*`], { Sid: 'S' }))] },
    request: { principal: 'jill', action: 's3:GetObject', resource: `${BUCKET}/photo.jpg` },
    expect: { decision: 'Allowed', by: 'identity', statement: 'S' },
  },
  {
    name: 'second statement grants when the first does not',
    source: EVAL,
    policies: { identity: [v12(allow('s3:ListBucket', BUCKET), allow('s3:GetObject', `${BUCKET}/*`, { Sid: 'Objects' }))] },
    request: { principal: 'jill', action: 's3:GetObject', resource: `${BUCKET}/a/b.txt` },
    expect: { decision: 'Allowed', by: 'identity', statement: 'Objects' },
  },
  {
    name: 'AdministratorAccess allows anything',
    source: MANAGED,
    policies: { identity: [admin] },
    request: { principal: 'jill', action: 'iam:CreateUser', resource: `arn:aws:iam::${ACCT}:user/new` },
    expect: { decision: 'Allowed', by: 'identity', statement: '#0' },
  },
  {
    name: 'AdministratorAccess plus a Deny on iam:* denies IAM writes',
    source: `${MANAGED}; ${INTERPLAY}`,
    policies: { identity: [admin, v12(deny('iam:*', '*', { Sid: 'NoIam' }))] },
    request: { principal: 'jill', action: 'iam:CreateUser', resource: `arn:aws:iam::${ACCT}:user/new` },
    expect: { decision: 'ExplicitDeny', by: 'identity', statement: 'NoIam' },
  },
  {
    name: 'PowerUserAccess: NotAction Allow grants S3',
    source: `${MANAGED}; IAM User Guide: IAM JSON policy elements: NotAction (NotAction with Allow)`,
    policies: { identity: [powerUser] },
    request: { principal: 'jill', action: 's3:CreateBucket', resource: BUCKET },
    expect: { decision: 'Allowed', by: 'identity', statement: '#0' },
  },
  {
    name: 'PowerUserAccess: iam:CreateUser is excluded by NotAction',
    source: `${MANAGED}; IAM User Guide: IAM JSON policy elements: NotAction`,
    policies: { identity: [powerUser] },
    request: { principal: 'jill', action: 'iam:CreateUser', resource: `arn:aws:iam::${ACCT}:user/x` },
    expect: { decision: 'ImplicitDeny', by: 'identity' },
  },
  {
    name: 'PowerUserAccess: iam:ListRoles comes from the second statement',
    source: MANAGED,
    policies: { identity: [powerUser] },
    request: { principal: 'jill', action: 'iam:ListRoles', resource: `arn:aws:iam::${ACCT}:role/` },
    expect: { decision: 'Allowed', by: 'identity', statement: '#1' },
  },
  {
    name: 'IAMReadOnlyAccess allows iam:GetUser',
    source: MANAGED,
    policies: { identity: [iamRead] },
    request: { principal: 'jill', action: 'iam:GetUser', resource: `arn:aws:iam::${ACCT}:user/bob` },
    expect: { decision: 'Allowed', by: 'identity' },
  },
  {
    name: 'IAMReadOnlyAccess does not allow iam:CreateUser',
    source: MANAGED,
    policies: { identity: [iamRead] },
    request: { principal: 'jill', action: 'iam:CreateUser', resource: `arn:aws:iam::${ACCT}:user/x` },
    expect: { decision: 'ImplicitDeny', by: 'identity' },
  },
  {
    name: 'AmazonS3ReadOnlyAccess allows s3:GetObject',
    source: MANAGED,
    policies: { identity: [s3Read] },
    request: { principal: 'jill', action: 's3:GetObject', resource: `${BUCKET}/k` },
    expect: { decision: 'Allowed', by: 'identity' },
  },
  {
    name: 'AmazonS3ReadOnlyAccess does not allow s3:PutObject',
    evidence: { level: 'documented', ref: 'S3 UG troubleshoot-403 format (quoted resource)' },
    source: MANAGED,
    policies: { identity: [s3Read] },
    request: { principal: 'jill', action: 's3:PutObject', resource: `${BUCKET}/k` },
    expect: {
      decision: 'ImplicitDeny',
      by: 'identity',
      style: 's3',
      message: `User: ${USER_ARN} is not authorized to perform: s3:PutObject on resource: "${BUCKET}/k" because no identity-based policy allows the s3:PutObject action`,
    },
  },
  {
    name: 'Deny with NotResource denies every other bucket',
    source: 'IAM User Guide: IAM JSON policy elements: NotResource (NotResource with Deny)',
    policies: { identity: [v12(allow('s3:*'), { Sid: 'OnlyThis', Effect: 'Deny', Action: 's3:*', NotResource: [BUCKET, `${BUCKET}/*`] })] },
    request: { principal: 'jill', action: 's3:GetObject', resource: 'arn:aws:s3:::other-bucket/k' },
    expect: { decision: 'ExplicitDeny', by: 'identity', statement: 'OnlyThis' },
  },
  {
    name: 'Deny with NotResource leaves the named bucket allowed',
    source: 'IAM User Guide: IAM JSON policy elements: NotResource',
    policies: { identity: [v12(allow('s3:*', '*', { Sid: 'All' }), { Sid: 'OnlyThis', Effect: 'Deny', Action: 's3:*', NotResource: [BUCKET, `${BUCKET}/*`] })] },
    request: { principal: 'jill', action: 's3:GetObject', resource: `${BUCKET}/k` },
    expect: { decision: 'Allowed', by: 'identity', statement: 'All' },
  },
  {
    name: 'Allow with a condition that does not hold: implicit deny',
    source: 'IAM User Guide: IAM JSON policy elements: Condition',
    policies: { identity: [v12(allow('s3:*', '*', { Condition: { Bool: { 'aws:SecureTransport': 'true' } } }))] },
    request: { principal: 'jill', action: 's3:GetObject', resource: `${BUCKET}/k`, context: { 'aws:SecureTransport': false } },
    expect: { decision: 'ImplicitDeny', by: 'identity' },
  },
  {
    name: 'Deny with a condition that does not hold does not deny',
    source: 'IAM User Guide: IAM JSON policy elements: Condition',
    policies: { identity: [v12(allow('s3:*', '*', { Sid: 'A' }), deny('s3:*', '*', { Condition: { Bool: { 'aws:SecureTransport': 'false' } } }))] },
    request: { principal: 'jill', action: 's3:GetObject', resource: `${BUCKET}/k`, context: { 'aws:SecureTransport': true } },
    expect: { decision: 'Allowed', by: 'identity', statement: 'A' },
  },
  {
    name: 'Deny with a condition that holds denies',
    source: 'IAM User Guide: IAM JSON policy elements: Condition',
    policies: { identity: [v12(allow('s3:*'), deny('s3:*', '*', { Sid: 'TLS', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }))] },
    request: { principal: 'jill', action: 's3:GetObject', resource: `${BUCKET}/k`, context: { 'aws:SecureTransport': false } },
    expect: { decision: 'ExplicitDeny', by: 'identity', statement: 'TLS' },
  },
  {
    name: 'Deny with StringNotEquals on an absent key applies (negated operator, missing key)',
    evidence: { level: 'unconfirmed', ref: 'EC2 wraps the text (`You are not authorized to perform this operation. User: ...`); engine-level only' },
    source: 'IAM User Guide: Condition operators (key not present: negated operators evaluate to true)',
    policies: { identity: [v12(allow('ec2:*'), deny('*', '*', { Sid: 'RegionLock', Condition: { StringNotEquals: { 'aws:RequestedRegion': 'us-east-1' } } }))] },
    request: { principal: 'jill', action: 'ec2:DescribeInstances', resource: '*' },
    expect: { decision: 'ExplicitDeny', by: 'identity', statement: 'RegionLock', message: `User: ${USER_ARN} is not authorized to perform: ec2:DescribeInstances with an explicit deny in an identity-based policy` },
  },
  {
    name: 'role session with no policies: message names the session ARN',
    evidence: { level: 'reported', ref: 'real: `User: arn:aws:sts::842413447717:assumed-role/ImdsProxyTestRole/test-session is not authorized to perform: s3:ListAllMyBuckets because no identity-based policy allows the s3:ListAllMyBuckets action`' },
    source: 'spec 4.2 (assumed-role caller ARN in AccessDenied); IAM User Guide: Troubleshoot access denied error messages',
    policies: {},
    request: { principal: 'deploy', action: 's3:ListAllMyBuckets', resource: '*' },
    expect: {
      decision: 'ImplicitDeny',
      by: 'identity',
      message: `User: arn:aws:sts::${ACCT}:assumed-role/Deploy/ci is not authorized to perform: s3:ListAllMyBuckets because no identity-based policy allows the s3:ListAllMyBuckets action`,
    },
  },
  {
    name: 'role session allowed by the role\'s identity policy',
    source: 'spec 4.7 (effective permissions of a role session)',
    policies: { identity: [v12(allow('s3:ListAllMyBuckets', '*', { Sid: 'L' }))] },
    request: { principal: 'deploy', action: 's3:ListAllMyBuckets', resource: '*' },
    expect: { decision: 'Allowed', by: 'identity', statement: 'L' },
  },
  {
    name: 'allowed decisions carry no denial message',
    source: EVAL,
    policies: { identity: [v12(allow('*'))] },
    request: { principal: 'jill', action: 'sts:GetCallerIdentity', resource: '*' },
    expect: { decision: 'Allowed', by: 'identity', message: '' },
  },
]
