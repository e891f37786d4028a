/** Permissions boundaries and session policies limit identity-based permissions. */
import { ACCT, BUCKET, allow, deny, v12 } from './fixtures.js'
import type { EvalCase } from './types.js'

const PB = 'IAM User Guide: Permissions boundaries for IAM entities'
const SP = 'IAM User Guide: Policies and permissions in IAM (Session policies)'
const EVAL = 'IAM User Guide: Policy evaluation logic (permissions boundaries and session policies)'
const JILL = `arn:aws:iam::${ACCT}:user/jill`
const SESSION = `arn:aws:sts::${ACCT}:assumed-role/Deploy/ci`

const s3AndIam = v12(allow(['s3:*', 'iam:*'], '*', { Sid: 'Id' }))
const s3Boundary = { name: 'S3Boundary', id: `arn:aws:iam::${ACCT}:policy/S3Boundary`, document: v12(allow('s3:*', '*', { Sid: 'B' })) }
const readSession = v12(allow(['s3:Get*', 's3:List*'], '*', { Sid: 'Read' }))

export const cases: EvalCase[] = [
  {
    name: 'boundary allows what identity allows: allowed',
    source: `${PB} (effective permissions = identity ∩ boundary)`,
    policies: { identity: [s3AndIam], boundary: s3Boundary },
    request: { principal: 'jill', action: 's3:GetObject', resource: `${BUCKET}/k` },
    expect: { decision: 'Allowed', by: 'identity', statement: 'Id' },
  },
  {
    name: 'boundary that does not grant what identity grants: implicit deny by boundary',
    evidence: { level: 'reported', ref: 'CreateUser uses the ARN (many real reports); boundary suffix real (e.g. `iam:PassRole on resource: arn:...:role/lambda-ex because no permissions boundary allows the iam:PassRole action`)' },
    source: PB,
    policies: { identity: [s3AndIam], boundary: s3Boundary },
    request: { principal: 'jill', action: 'iam:CreateUser', resource: `arn:aws:iam::${ACCT}:user/x` },
    expect: {
      decision: 'ImplicitDeny',
      by: 'boundary',
      message: `User: ${JILL} is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${ACCT}:user/x because no permissions boundary allows the iam:CreateUser action`,
    },
  },
  {
    name: 'boundary never grants on its own',
    source: `${PB} (a boundary does not grant permissions)`,
    policies: { identity: [v12(allow('iam:ListUsers'))], boundary: s3Boundary },
    request: { principal: 'jill', action: 's3:ListAllMyBuckets', resource: '*' },
    expect: { decision: 'ImplicitDeny', by: 'identity' },
  },
  {
    name: 'neither identity nor boundary allows: reported as identity',
    source: EVAL,
    policies: { identity: [v12(allow('ec2:*'))], boundary: s3Boundary },
    request: { principal: 'jill', action: 'iam:ListUsers', resource: `arn:aws:iam::${ACCT}:user/` },
    expect: { decision: 'ImplicitDeny', by: 'identity' },
  },
  {
    name: 'explicit deny in a boundary',
    evidence: { level: 'unconfirmed', ref: '(resource part) no real DeleteUserPermissionsBoundary denial found' },
    source: `${PB}; spec 5.7`,
    policies: { identity: [v12(allow('*'))], boundary: v12(allow('*'), deny('iam:DeleteUserPermissionsBoundary', '*', { Sid: 'Keep' })) },
    request: { principal: 'jill', action: 'iam:DeleteUserPermissionsBoundary', resource: JILL },
    expect: {
      decision: 'ExplicitDeny',
      by: 'boundary',
      statement: 'Keep',
      message: `User: ${JILL} is not authorized to perform: iam:DeleteUserPermissionsBoundary on resource: ${JILL} with an explicit deny in a permissions boundary`,
    },
  },
  {
    name: 'identity deny is reported before a boundary deny',
    source: `${EVAL}; IAM User Guide: Troubleshoot access denied (only one policy type is named)`,
    policies: { identity: [v12(allow('*'), deny('s3:DeleteBucket', '*', { Sid: 'IdDeny' }))], boundary: v12(allow('*'), deny('s3:DeleteBucket', '*', { Sid: 'BDeny' })) },
    request: { principal: 'jill', action: 's3:DeleteBucket', resource: BUCKET },
    expect: { decision: 'ExplicitDeny', by: 'identity', statement: 'IdDeny' },
  },
  {
    name: 'boundary with a condition that fails: implicit deny by boundary',
    source: PB,
    policies: { identity: [v12(allow('s3:*'))], boundary: v12(allow('s3:*', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } } })) },
    request: { principal: 'jill', action: 's3:GetObject', resource: `${BUCKET}/k`, context: { 'aws:RequestedRegion': 'eu-west-1' } },
    expect: { decision: 'ImplicitDeny', by: 'boundary' },
  },
  {
    name: 'boundary on a role session limits the role\'s identity policies',
    evidence: { level: 'reported', ref: 'PassRole denials use the role ARN (many real reports, incl. boundary suffix)' },
    source: `${PB} (boundaries on roles)`,
    policies: { identity: [s3AndIam], boundary: s3Boundary },
    request: { principal: 'deploy', action: 'iam:PassRole', resource: `arn:aws:iam::${ACCT}:role/X` },
    expect: {
      decision: 'ImplicitDeny',
      by: 'boundary',
      message: `User: ${SESSION} is not authorized to perform: iam:PassRole on resource: arn:aws:iam::${ACCT}:role/X because no permissions boundary allows the iam:PassRole action`,
    },
  },
  {
    name: 'boundary with NotAction allows everything but IAM',
    source: `${PB}; IAM User Guide: IAM JSON policy elements: NotAction`,
    policies: { identity: [v12(allow('*', '*', { Sid: 'All' }))], boundary: v12({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }) },
    request: { principal: 'jill', action: 'ec2:RunInstances', resource: '*' },
    expect: { decision: 'Allowed', by: 'identity', statement: 'All' },
  },
  {
    name: 'session policy allows a subset: allowed',
    source: `${SP} (effective = identity ∩ session)`,
    policies: { identity: [s3AndIam], session: [readSession] },
    request: { principal: 'deploy', action: 's3:GetObject', resource: `${BUCKET}/k` },
    expect: { decision: 'Allowed', by: 'identity', statement: 'Id' },
  },
  {
    name: 'session policy does not allow: implicit deny by session policy',
    evidence: { level: 'engine', ref: 'not AWS-shaped: s3:* action in query style: real S3 quotes the resource (`on resource: "arn:..."`)' },
    source: SP,
    policies: { identity: [s3AndIam], session: [readSession] },
    request: { principal: 'deploy', action: 's3:PutObject', resource: `${BUCKET}/k` },
    expect: {
      decision: 'ImplicitDeny',
      by: 'session',
      message: `User: ${SESSION} is not authorized to perform: s3:PutObject on resource: ${BUCKET}/k because no session policy allows the s3:PutObject action`,
    },
  },
  {
    name: 'session policy cannot grant more than the identity policies',
    source: `${SP} (session policies cannot grant more permissions than the identity-based policy)`,
    policies: { identity: [v12(allow('s3:*'))], session: [v12(allow('*'))] },
    request: { principal: 'deploy', action: 'iam:CreateUser', resource: `arn:aws:iam::${ACCT}:user/x` },
    expect: { decision: 'ImplicitDeny', by: 'identity' },
  },
  {
    name: 'explicit deny in a session policy',
    evidence: { level: 'engine', ref: 'not AWS-shaped: s3:* action in query style (S3 quotes the resource)' },
    source: `${SP}; spec 5.7 (explicit deny in a session policy)`,
    policies: { identity: [v12(allow('s3:*'))], session: [v12(allow('*'), deny('s3:DeleteObject', '*', { Sid: 'NoDelete' }))] },
    request: { principal: 'deploy', action: 's3:DeleteObject', resource: `${BUCKET}/k` },
    expect: {
      decision: 'ExplicitDeny',
      by: 'session',
      statement: 'NoDelete',
      message: `User: ${SESSION} is not authorized to perform: s3:DeleteObject on resource: ${BUCKET}/k with an explicit deny in a session policy`,
    },
  },
  {
    name: 'explicit deny in a session policy wins even when the session policy also allows',
    source: SP,
    policies: { identity: [v12(allow('*'))], session: [v12(allow('s3:*'), deny('s3:*', `${BUCKET}/private/*`, { Sid: 'Private' }))] },
    request: { principal: 'deploy', action: 's3:GetObject', resource: `${BUCKET}/private/a` },
    expect: { decision: 'ExplicitDeny', by: 'session', statement: 'Private' },
  },
  {
    name: 'inline and managed session policies: any one allowing is enough',
    source: `${SP} (inline Policy and PolicyArns)`,
    policies: { identity: [v12(allow('*'))], session: [v12(allow('ec2:*')), { name: 'AmazonS3ReadOnlyAccess', id: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess', document: v12(allow(['s3:Get*', 's3:List*'], '*', { Sid: 'S3' })) }] },
    request: { principal: 'deploy', action: 's3:ListBucket', resource: BUCKET },
    expect: { decision: 'Allowed', by: 'identity' },
  },
  {
    name: 'an empty list of session policies means none were passed',
    source: 'spec 4.7 (passing no session policy means no session-policy limit)',
    policies: { identity: [v12(allow('s3:*', '*', { Sid: 'Id' }))], session: [] },
    request: { principal: 'deploy', action: 's3:PutObject', resource: `${BUCKET}/k` },
    expect: { decision: 'Allowed', by: 'identity', statement: 'Id' },
  },
  {
    name: 'boundary and session policy both missing the action: boundary is reported',
    source: EVAL,
    policies: { identity: [v12(allow('*'))], boundary: v12(allow('ec2:*')), session: [v12(allow('ec2:*'))] },
    request: { principal: 'deploy', action: 's3:GetObject', resource: `${BUCKET}/k` },
    expect: { decision: 'ImplicitDeny', by: 'boundary' },
  },
  {
    name: 'boundary allows, session policy does not: session is reported',
    source: EVAL,
    policies: { identity: [v12(allow('*'))], boundary: v12(allow('s3:*')), session: [v12(allow('ec2:*'))] },
    request: { principal: 'deploy', action: 's3:GetObject', resource: `${BUCKET}/k` },
    expect: { decision: 'ImplicitDeny', by: 'session' },
  },
  {
    name: 'identity, boundary and session all allow: allowed',
    source: 'spec 4.7 (identity ∧ session ∧ boundary)',
    policies: { identity: [v12(allow('s3:*', '*', { Sid: 'Id' }))], boundary: v12(allow('s3:*')), session: [v12(allow('s3:Get*'))] },
    request: { principal: 'deploy', action: 's3:GetObject', resource: `${BUCKET}/k` },
    expect: { decision: 'Allowed', by: 'identity', statement: 'Id' },
  },
  {
    name: 'session deny and boundary deny: the boundary is reported first',
    source: `${EVAL}; IAM User Guide: Troubleshoot access denied (only one policy type is named)`,
    policies: { identity: [v12(allow('*'))], boundary: v12(allow('*'), deny('s3:*', '*', { Sid: 'B' })), session: [v12(allow('*'), deny('s3:*', '*', { Sid: 'S' }))] },
    request: { principal: 'deploy', action: 's3:GetObject', resource: `${BUCKET}/k` },
    expect: { decision: 'ExplicitDeny', by: 'boundary', statement: 'B' },
  },
  {
    name: 'session policy resource scoping',
    source: SP,
    policies: { identity: [v12(allow('s3:*'))], session: [v12(allow('s3:*', `${BUCKET}/team-a/*`))] },
    request: { principal: 'deploy', action: 's3:GetObject', resource: `${BUCKET}/team-b/x` },
    expect: { decision: 'ImplicitDeny', by: 'session' },
  },
  {
    name: 'boundary explicit deny message with the policy ARN (2026 format, opt-in) is not shown by default',
    evidence: { level: 'reported', ref: 'real 2025-26 denials carry `: <policy ARN>` after the explicit-deny reason (CreateUser ...costagas-base; CreateRole ...permissions boundary: arn:...policy/test-b...; SCP ones); AWS default now includes it in many reports' },
    source: 'AWS Security Blog: Enhanced access denied error messages with policy ARNs (opt-in in iamflow)',
    policies: { identity: [v12(allow('*'))], boundary: { name: 'Guard', id: `arn:aws:iam::${ACCT}:policy/Guard`, document: v12(allow('*'), deny('s3:*')) } },
    request: { principal: 'jill', action: 's3:ListAllMyBuckets', resource: '*' },
    expect: { decision: 'ExplicitDeny', by: 'boundary', message: `User: ${JILL} is not authorized to perform: s3:ListAllMyBuckets with an explicit deny in a permissions boundary` },
  },
]
