/** Resource-based (bucket) policies: same account, cross account, principal forms, NotPrincipal. */
import { ACCT, BUCKET, OTHER, allow, deny, grant, v12 } from './fixtures.js'
import type { EvalCase } from './types.js'

const SAME = 'IAM User Guide: Policy evaluation for requests within a single account (identity- and resource-based policies)'
const CROSS = 'IAM User Guide: Cross-account policy evaluation logic'
const PB = 'IAM User Guide: Permissions boundaries for IAM entities (resource-based policies naming the user/role/session)'
const SP = 'IAM User Guide: Session policies (resource-based policies naming the role vs the session)'
const PRIN = 'IAM User Guide: AWS JSON policy elements: Principal'
const NOTP = 'IAM User Guide: AWS JSON policy elements: NotPrincipal'
const JILL = `arn:aws:iam::${ACCT}:user/jill`
const DEPLOY_ROLE = `arn:aws:iam::${ACCT}:role/Deploy`
const DEPLOY_SESSION = `arn:aws:sts::${ACCT}:assumed-role/Deploy/ci`
const OBJ = `${BUCKET}/k`
const OTHER_BUCKET = 'arn:aws:s3:::other-account-bucket'
const s3Only = v12(allow('s3:ListAllMyBuckets'))
const ec2Only = v12(allow('ec2:*'))

const bucket = (principal: unknown, extra: Record<string, unknown> = {}) => v12(grant(principal, 's3:GetObject', `${BUCKET}/*`, { Sid: 'Grant', ...extra }))

export const cases: EvalCase[] = [
  {
    name: 'same account: bucket policy naming the user allows without any identity policy',
    source: `${SAME} (either policy allowing is enough)`,
    policies: { resource: bucket({ AWS: JILL }) },
    request: { principal: 'jill', action: 's3:GetObject', resource: OBJ },
    expect: { decision: 'Allowed', by: 'resource', statement: 'Grant' },
  },
  {
    name: 'same account: bucket policy naming the user is not limited by the user\'s boundary',
    source: `${PB}; spec 5.1 step 3`,
    policies: { resource: bucket({ AWS: JILL }), boundary: ec2Only, identity: [ec2Only] },
    request: { principal: 'jill', action: 's3:GetObject', resource: OBJ },
    expect: { decision: 'Allowed', by: 'resource', statement: 'Grant' },
  },
  {
    name: 'same account: explicit deny in the user\'s identity policy still wins over the bucket grant',
    source: `${SAME}; spec 5.1 step 1`,
    policies: { resource: bucket({ AWS: JILL }), identity: [v12(deny('s3:*', '*', { Sid: 'No' }))] },
    request: { principal: 'jill', action: 's3:GetObject', resource: OBJ },
    expect: { decision: 'ExplicitDeny', by: 'identity', statement: 'No' },
  },
  {
    name: 'same account: Deny in the bucket policy',
    evidence: { level: 'documented', ref: 'S3 UG troubleshoot-403 examples' },
    source: `${SAME}; IAM User Guide: Troubleshoot access denied error messages`,
    policies: { identity: [v12(allow('s3:*'))], resource: v12({ Sid: 'DenyJill', Effect: 'Deny', Principal: { AWS: JILL }, Action: 's3:*', Resource: `${BUCKET}/*` }) },
    request: { principal: 'jill', action: 's3:GetObject', resource: OBJ },
    expect: {
      decision: 'ExplicitDeny',
      by: 'resource',
      statement: 'DenyJill',
      style: 's3',
      message: `User: ${JILL} is not authorized to perform: s3:GetObject on resource: "${OBJ}" with an explicit deny in a resource-based policy`,
    },
  },
  {
    name: 'same account: bucket policy naming the account root delegates to identity policies (none: denied)',
    source: `${PRIN} (account principals delegate to the account's policies)`,
    policies: { resource: bucket({ AWS: `arn:aws:iam::${ACCT}:root` }) },
    request: { principal: 'jill', action: 's3:GetObject', resource: OBJ },
    expect: { decision: 'ImplicitDeny', by: 'identity' },
  },
  {
    name: 'same account: bucket policy naming the account id, identity allows',
    source: PRIN,
    policies: { resource: bucket({ AWS: ACCT }), identity: [v12(allow('s3:GetObject', `${BUCKET}/*`, { Sid: 'Id' }))] },
    request: { principal: 'jill', action: 's3:GetObject', resource: OBJ },
    expect: { decision: 'Allowed', by: 'identity', statement: 'Id' },
  },
  {
    name: 'same account: identity allows, bucket policy silent: allowed',
    source: SAME,
    policies: { resource: v12(grant({ AWS: JILL }, 's3:PutObject', `${BUCKET}/*`)), identity: [v12(allow('s3:GetObject', '*', { Sid: 'Id' }))] },
    request: { principal: 'jill', action: 's3:GetObject', resource: OBJ },
    expect: { decision: 'Allowed', by: 'identity', statement: 'Id' },
  },
  {
    name: 'same account: bucket policy for another user does not grant',
    source: PRIN,
    policies: { resource: bucket({ AWS: `arn:aws:iam::${ACCT}:user/bob` }) },
    request: { principal: 'jill', action: 's3:GetObject', resource: OBJ },
    expect: { decision: 'ImplicitDeny', by: 'identity' },
  },
  {
    name: 'same account: bucket policy naming the role grants to its sessions',
    source: PRIN,
    policies: { resource: bucket({ AWS: DEPLOY_ROLE }) },
    request: { principal: 'deploy', action: 's3:GetObject', resource: OBJ },
    expect: { decision: 'Allowed', by: 'resource', statement: 'Grant' },
  },
  {
    name: 'same account: bucket policy naming the role is limited by the role\'s boundary',
    evidence: { level: 'engine', ref: 'not AWS-shaped: s3 action in query style (S3 quotes the resource)' },
    source: `${PB}; spec 5.1 step 3 (role ARN grants are limited)`,
    policies: { resource: bucket({ AWS: DEPLOY_ROLE }), boundary: ec2Only },
    request: { principal: 'deploy', action: 's3:GetObject', resource: OBJ },
    expect: {
      decision: 'ImplicitDeny',
      by: 'boundary',
      message: `User: ${DEPLOY_SESSION} is not authorized to perform: s3:GetObject on resource: ${OBJ} because no permissions boundary allows the s3:GetObject action`,
    },
  },
  {
    name: 'same account: bucket policy naming the role is limited by session policies',
    source: `${SP} (grants to the role ARN are limited by the session policy)`,
    policies: { resource: bucket({ AWS: DEPLOY_ROLE }), session: [ec2Only] },
    request: { principal: 'deploy', action: 's3:GetObject', resource: OBJ },
    expect: { decision: 'ImplicitDeny', by: 'session' },
  },
  {
    name: 'same account: bucket policy naming the session ARN is not limited by the boundary',
    source: `${PB} (grants to the role session ARN)`,
    policies: { resource: bucket({ AWS: DEPLOY_SESSION }), boundary: ec2Only },
    request: { principal: 'deploy', action: 's3:GetObject', resource: OBJ },
    expect: { decision: 'Allowed', by: 'resource', statement: 'Grant' },
  },
  {
    name: 'same account: bucket policy naming the session ARN is not limited by session policies',
    source: `${SP} (grants to the session ARN are not limited by the session policy)`,
    policies: { resource: bucket({ AWS: DEPLOY_SESSION }), session: [ec2Only] },
    request: { principal: 'deploy', action: 's3:GetObject', resource: OBJ },
    expect: { decision: 'Allowed', by: 'resource', statement: 'Grant' },
  },
  {
    name: 'a session ARN names only that session',
    source: PRIN,
    policies: { resource: bucket({ AWS: DEPLOY_SESSION }) },
    request: { principal: 'deployOther', action: 's3:GetObject', resource: OBJ },
    expect: { decision: 'ImplicitDeny', by: 'identity' },
  },
  {
    name: 'a role ARN must include the role path',
    source: `${PRIN} (role ARNs include the path)`,
    policies: { resource: bucket({ AWS: `arn:aws:iam::${ACCT}:role/build/Builder` }) },
    request: { principal: 'pathRole', action: 's3:GetObject', resource: OBJ },
    expect: { decision: 'Allowed', by: 'resource', statement: 'Grant' },
  },
  {
    name: 'a role ARN without the path does not name a role that has one',
    source: PRIN,
    policies: { resource: bucket({ AWS: `arn:aws:iam::${ACCT}:role/Builder` }) },
    request: { principal: 'pathRole', action: 's3:GetObject', resource: OBJ },
    expect: { decision: 'ImplicitDeny', by: 'identity' },
  },
  {
    name: 'a stored role unique id (AROA…) matches that role\'s sessions',
    source: `${PRIN} (principals are stored by unique id; spec 4.4)`,
    policies: { resource: bucket({ AWS: 'AROA3XFRBF535PLBIFPI4' }) },
    request: { principal: 'deploy', action: 's3:GetObject', resource: OBJ },
    expect: { decision: 'Allowed', by: 'resource', statement: 'Grant' },
  },
  {
    name: 'a unique id of a deleted role matches nothing (re-created role has a new id)',
    source: `${PRIN}; spec 4.4 (deleted principal shows as its unique id and matches nothing)`,
    policies: { resource: bucket({ AWS: 'AROADELETEDROLE000001' }) },
    request: { principal: 'deploy', action: 's3:GetObject', resource: OBJ },
    expect: { decision: 'ImplicitDeny', by: 'identity' },
  },
  {
    name: 'a stored user unique id (AIDA…) matches that user',
    source: `${PRIN} (principals are stored by unique id)`,
    policies: { resource: bucket({ AWS: 'AIDAJQABLZS4A3QDU576Q' }) },
    request: { principal: 'jill', action: 's3:GetObject', resource: OBJ },
    expect: { decision: 'Allowed', by: 'resource', statement: 'Grant' },
  },
  {
    name: 'a unique id of a deleted user matches nothing',
    source: `${PRIN}; spec 4.4`,
    policies: { resource: bucket({ AWS: 'AIDADELETEDUSER000001' }) },
    request: { principal: 'jill', action: 's3:GetObject', resource: OBJ },
    expect: { decision: 'ImplicitDeny', by: 'identity' },
  },
  {
    name: 'Principal "*" grants to everyone in the account',
    source: `${PRIN} (anonymous/everyone)`,
    policies: { resource: bucket('*') },
    request: { principal: 'bob', action: 's3:GetObject', resource: OBJ },
    expect: { decision: 'Allowed', by: 'resource', statement: 'Grant' },
  },
  {
    name: 'Principal {"AWS": "*"} is the same as "*"',
    source: PRIN,
    policies: { resource: bucket({ AWS: '*' }) },
    request: { principal: 'deploy', action: 's3:GetObject', resource: OBJ },
    expect: { decision: 'Allowed', by: 'resource', statement: 'Grant' },
  },
  {
    name: 'Principal "*" with aws:PrincipalArn ArnLike role/* admits role sessions',
    source: `${PRIN} (use aws:PrincipalArn instead of wildcard principals)`,
    policies: { resource: bucket('*', { Condition: { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCT}:role/*` } } }) },
    request: { principal: 'deploy', action: 's3:GetObject', resource: OBJ },
    expect: { decision: 'Allowed', by: 'resource', statement: 'Grant' },
  },
  {
    name: 'Principal "*" with aws:PrincipalArn ArnLike role/* does not admit users',
    source: PRIN,
    policies: { resource: bucket('*', { Condition: { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCT}:role/*` } } }) },
    request: { principal: 'jill', action: 's3:GetObject', resource: OBJ },
    expect: { decision: 'ImplicitDeny', by: 'identity' },
  },
  {
    name: 'bucket policy statement for another resource does not apply',
    source: SAME,
    policies: { resource: v12(grant({ AWS: JILL }, 's3:GetObject', 'arn:aws:s3:::amzn-s3-demo-bucket/public/*')) },
    request: { principal: 'jill', action: 's3:GetObject', resource: `${BUCKET}/private/a` },
    expect: { decision: 'ImplicitDeny', by: 'identity' },
  },
  {
    name: 'bucket policy Deny without TLS applies to everyone',
    source: 'S3 User Guide: bucket policy examples (deny requests that do not use HTTPS)',
    policies: { identity: [v12(allow('s3:*'))], resource: v12({ Sid: 'TLS', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [BUCKET, `${BUCKET}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }) },
    request: { principal: 'jill', action: 's3:GetObject', resource: OBJ, context: { 'aws:SecureTransport': false } },
    expect: { decision: 'ExplicitDeny', by: 'resource', statement: 'TLS' },
  },
  {
    name: 'cross account: bucket policy names the user and the user\'s identity allows',
    source: `${CROSS} (both accounts must allow)`,
    policies: { identity: [v12(allow('s3:GetObject', '*'))], resource: v12(grant({ AWS: JILL }, 's3:GetObject', `${OTHER_BUCKET}/*`, { Sid: 'X' })) },
    request: { principal: 'jill', action: 's3:GetObject', resource: `${OTHER_BUCKET}/k`, resourceAccount: OTHER },
    expect: { decision: 'Allowed', by: 'resource', statement: 'X' },
  },
  {
    name: 'cross account: bucket policy names the user but the identity side does not allow',
    evidence: { level: 'documented', ref: 'S3 UG: enhanced messages only for same account / same organization; others get `Access Denied`' },
    source: `${CROSS} (the resource policy alone does not grant across accounts)`,
    policies: { resource: v12(grant({ AWS: JILL }, 's3:GetObject', `${OTHER_BUCKET}/*`)) },
    request: { principal: 'jill', action: 's3:GetObject', resource: `${OTHER_BUCKET}/k`, resourceAccount: OTHER },
    expect: { decision: 'ImplicitDeny', by: 'identity', style: 's3', message: 'Access Denied' },
  },
  {
    name: 'cross account: identity allows but there is no bucket policy',
    evidence: { level: 'engine', ref: 'engine query-style text; S3 itself answers a cross-account request with plain `Access Denied` (S3 UG troubleshoot-403), as the emulator does in s3 style' },
    source: CROSS,
    policies: { identity: [v12(allow('s3:*'))] },
    request: { principal: 'jill', action: 's3:GetObject', resource: `${OTHER_BUCKET}/k`, resourceAccount: OTHER },
    expect: {
      decision: 'ImplicitDeny',
      by: 'resource',
      message: `User: ${JILL} is not authorized to perform: s3:GetObject on resource: ${OTHER_BUCKET}/k because no resource-based policy allows the s3:GetObject action`,
    },
  },
  {
    name: 'cross account: bucket policy naming the caller\'s account + identity allows',
    source: `${CROSS}; ${PRIN}`,
    policies: { identity: [v12(allow('s3:GetObject'))], resource: v12(grant({ AWS: ACCT }, 's3:GetObject', `${OTHER_BUCKET}/*`, { Sid: 'Acct' })) },
    request: { principal: 'jill', action: 's3:GetObject', resource: `${OTHER_BUCKET}/k`, resourceAccount: OTHER },
    expect: { decision: 'Allowed', by: 'resource', statement: 'Acct' },
  },
  {
    name: 'cross account: bucket policy naming a third account does not help',
    source: CROSS,
    policies: { identity: [v12(allow('s3:GetObject'))], resource: v12(grant({ AWS: '444455556666' }, 's3:GetObject', `${OTHER_BUCKET}/*`)) },
    request: { principal: 'jill', action: 's3:GetObject', resource: `${OTHER_BUCKET}/k`, resourceAccount: OTHER },
    expect: { decision: 'ImplicitDeny', by: 'resource' },
  },
  {
    name: 'cross account: the caller\'s boundary still applies to a bucket grant naming the user',
    source: `${CROSS}; ${PB}`,
    policies: { identity: [v12(allow('s3:GetObject'))], boundary: ec2Only, resource: v12(grant({ AWS: JILL }, 's3:GetObject', `${OTHER_BUCKET}/*`)) },
    request: { principal: 'jill', action: 's3:GetObject', resource: `${OTHER_BUCKET}/k`, resourceAccount: OTHER },
    expect: { decision: 'ImplicitDeny', by: 'boundary' },
  },
  {
    name: 'NotPrincipal Deny listing only the user ARN still denies that user (account not listed)',
    source: `${NOTP} (specify the account ARN too, or the Deny applies to the listed user)`,
    policies: { identity: [v12(allow('s3:*'))], resource: v12({ Sid: 'OnlyJill', Effect: 'Deny', NotPrincipal: { AWS: JILL }, Action: 's3:*', Resource: `${BUCKET}/*` }) },
    request: { principal: 'jill', action: 's3:GetObject', resource: OBJ },
    expect: { decision: 'ExplicitDeny', by: 'resource', statement: 'OnlyJill' },
  },
  {
    name: 'NotPrincipal Deny listing the user and the account exempts the user',
    source: NOTP,
    policies: { identity: [v12(allow('s3:*', '*', { Sid: 'Id' }))], resource: v12({ Sid: 'OnlyJill', Effect: 'Deny', NotPrincipal: { AWS: [JILL, `arn:aws:iam::${ACCT}:root`] }, Action: 's3:*', Resource: `${BUCKET}/*` }) },
    request: { principal: 'jill', action: 's3:GetObject', resource: OBJ },
    expect: { decision: 'Allowed', by: 'identity', statement: 'Id' },
  },
  {
    name: 'NotPrincipal Deny always denies a principal with a permissions boundary, even one it lists',
    source: `${PB} ("Important": a Deny with NotPrincipal always denies principals that have a permissions boundary)`,
    policies: {
      identity: [v12(allow('s3:*'))],
      boundary: v12(allow('s3:*')),
      resource: v12({ Sid: 'OnlyJill', Effect: 'Deny', NotPrincipal: { AWS: [JILL, `arn:aws:iam::${ACCT}:root`] }, Action: 's3:*', Resource: `${BUCKET}/*` }),
    },
    request: { principal: 'jill', action: 's3:GetObject', resource: OBJ },
    expect: { decision: 'ExplicitDeny', by: 'resource', statement: 'OnlyJill' },
  },
  {
    name: 'NotPrincipal Deny listing the user and the account denies other users',
    source: NOTP,
    policies: { identity: [v12(allow('s3:*'))], resource: v12({ Sid: 'OnlyJill', Effect: 'Deny', NotPrincipal: { AWS: [JILL, `arn:aws:iam::${ACCT}:root`] }, Action: 's3:*', Resource: `${BUCKET}/*` }) },
    request: { principal: 'bob', action: 's3:GetObject', resource: OBJ },
    expect: { decision: 'ExplicitDeny', by: 'resource', statement: 'OnlyJill' },
  },
  {
    name: 'NotPrincipal Deny exempts a role session only when session ARN, role ARN and account are listed',
    source: `${NOTP} (for assumed-role sessions list the session, the role and the account)`,
    policies: {
      identity: [v12(allow('s3:*', '*', { Sid: 'Id' }))],
      resource: v12({ Effect: 'Deny', NotPrincipal: { AWS: [DEPLOY_SESSION, DEPLOY_ROLE, `arn:aws:iam::${ACCT}:root`] }, Action: 's3:*', Resource: `${BUCKET}/*` }),
    },
    request: { principal: 'deploy', action: 's3:GetObject', resource: OBJ },
    expect: { decision: 'Allowed', by: 'identity', statement: 'Id' },
  },
  {
    name: 'NotPrincipal Deny listing only the role and account still denies the session',
    source: NOTP,
    policies: {
      identity: [v12(allow('s3:*'))],
      resource: v12({ Sid: 'N', Effect: 'Deny', NotPrincipal: { AWS: [DEPLOY_ROLE, `arn:aws:iam::${ACCT}:root`] }, Action: 's3:*', Resource: `${BUCKET}/*` }),
    },
    request: { principal: 'deploy', action: 's3:GetObject', resource: OBJ },
    expect: { decision: 'ExplicitDeny', by: 'resource', statement: 'N' },
  },
]
