/** Trust policies and sts:AssumeRole (spec 4.4; STS API Reference AssumeRole). */
import { ACCT, OTHER, ROLE_ARN, allow, deny, trust, v12 } from './fixtures.js'
import type { EvalCase } from './types.js'
import type { PrincipalName } from './fixtures.js'

const ASSUME = 'STS API Reference: AssumeRole (same account: trust naming the user needs no identity Allow; naming the account does)'
const CROSS = 'IAM User Guide: Cross account resource access in IAM (both the trust policy and the caller\'s account must allow)'
const CHAIN = 'IAM User Guide: Roles terms and concepts (role chaining); spec 4.4'
const PB = 'IAM User Guide: Permissions boundaries for IAM entities; spec 4.4 (explicit deny blocks, implicit deny does not)'
const JILL = `arn:aws:iam::${ACCT}:user/jill`
const CAROL = `arn:aws:iam::${OTHER}:user/carol`
const CROSS_ROLE = `arn:aws:iam::${OTHER}:role/Shared`
const assumeRole = v12(allow('sts:AssumeRole', ROLE_ARN, { Sid: 'Assume' }))
const assumeAny = v12(allow('sts:AssumeRole', '*', { Sid: 'Assume' }))
const trustDoc = (...s: object[]) => v12(...s)

const noSuffix = (caller: string, role = ROLE_ARN) => `User: ${caller} is not authorized to perform: sts:AssumeRole on resource: ${role}`

function assume(name: string, source: string, principal: PrincipalName, policies: EvalCase['policies'], expect: EvalCase['expect'], role = ROLE_ARN, resourceAccount?: string, context?: EvalCase['request']['context']): EvalCase {
  return { name, source, policies, request: { principal, action: 'sts:AssumeRole', resource: role, resourceAccount, context }, expect }
}

export const cases: EvalCase[] = [
  assume('same account: trust naming the user allows without identity policy', ASSUME, 'jill', { trust: trustDoc(trust({ AWS: JILL }, 'sts:AssumeRole', { Sid: 'T' })) }, { decision: 'Allowed', by: 'trust', statement: 'T' }),
  assume('same account: trust naming the user is not limited by the user\'s boundary', PB, 'jill', { trust: trustDoc(trust({ AWS: JILL }, 'sts:AssumeRole', { Sid: 'T' })), boundary: v12(allow('s3:*')) }, { decision: 'Allowed', by: 'trust', statement: 'T' }),
  { ...assume(
    'same account: trust naming the user, but an identity Deny on sts:AssumeRole blocks',
    PB,
    'jill',
    { trust: trustDoc(trust({ AWS: JILL })), identity: [v12(deny('sts:AssumeRole', '*', { Sid: 'NoAssume' }))] },
    { decision: 'ExplicitDeny', by: 'identity', statement: 'NoAssume', message: `${noSuffix(JILL)} with an explicit deny in an identity-based policy` },
  ), evidence: { level: 'unconfirmed', ref: 'IAM UG troubleshoot page shows trust-related texts without `on resource`; real STS denials seen carry no reason' } },
  { ...assume(
    'same account: trust naming the user, but a boundary Deny blocks',
    PB,
    'jill',
    { trust: trustDoc(trust({ AWS: JILL })), boundary: v12(allow('*'), deny('sts:*', '*', { Sid: 'B' })) },
    { decision: 'ExplicitDeny', by: 'boundary', statement: 'B', message: `${noSuffix(JILL)} with an explicit deny in a permissions boundary` },
  ), evidence: { level: 'unconfirmed', ref: 'IAM UG troubleshoot page shows trust-related texts without `on resource`; real STS denials seen carry no reason' } },
  assume('same account: trust naming the account root + identity Allow on the role', ASSUME, 'jill', { trust: trustDoc(trust({ AWS: `arn:aws:iam::${ACCT}:root` })), identity: [assumeRole] }, { decision: 'Allowed', by: 'identity', statement: 'Assume' }),
  { ...assume(
    'same account: trust naming the account root without identity Allow is denied',
    ASSUME,
    'jill',
    { trust: trustDoc(trust({ AWS: `arn:aws:iam::${ACCT}:root` })) },
    { decision: 'ImplicitDeny', by: 'identity', message: `${noSuffix(JILL)} because no identity-based policy allows the sts:AssumeRole action` },
  ), evidence: { level: 'unconfirmed', ref: 'IAM UG troubleshoot page shows trust-related texts without `on resource`; real STS denials seen carry no reason' } },
  assume('same account: trust naming the account id behaves like root', ASSUME, 'jill', { trust: trustDoc(trust({ AWS: ACCT })), identity: [assumeAny] }, { decision: 'Allowed', by: 'identity', statement: 'Assume' }),
  assume(
    'same account: trust naming the account root; identity Allow for another role does not help',
    ASSUME,
    'jill',
    { trust: trustDoc(trust({ AWS: `arn:aws:iam::${ACCT}:root` })), identity: [v12(allow('sts:AssumeRole', `arn:aws:iam::${ACCT}:role/Other`))] },
    { decision: 'ImplicitDeny', by: 'identity' },
  ),
  { ...assume(
    'same account: trust naming the account root + identity Allow, but the boundary does not allow',
    PB,
    'jill',
    { trust: trustDoc(trust({ AWS: ACCT })), identity: [assumeAny], boundary: v12(allow('s3:*')) },
    { decision: 'ImplicitDeny', by: 'boundary', message: `${noSuffix(JILL)} because no permissions boundary allows the sts:AssumeRole action` },
  ), evidence: { level: 'unconfirmed', ref: 'IAM UG troubleshoot page shows trust-related texts without `on resource`; real STS denials seen carry no reason' } },
  { ...assume('trust naming another user: denied by the trust policy, message without a reason', `${ASSUME}; spec 4.2`, 'jill', { trust: trustDoc(trust({ AWS: `arn:aws:iam::${ACCT}:user/bob` })), identity: [assumeAny] }, { decision: 'ImplicitDeny', by: 'trust', message: noSuffix(JILL) }), evidence: { level: 'reported', ref: 'many real STS denials with no reason: `... is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::212353106417:role/MagicRole`; HackTricks notes AWS answers this whether or not the role exists. IAM UG (2023) instead documents `sts:AssumeRole because no role trust policy allows the sts:AssumeRole action`.' } },
  { ...assume('a trust policy is required even when identity allows', 'spec 5.1 (for sts:AssumeRole the trust policy is the resource policy)', 'jill', { trust: trustDoc(trust({ Service: 'ec2.amazonaws.com' })), identity: [v12(allow('*'))] }, { decision: 'ImplicitDeny', by: 'trust', message: noSuffix(JILL) }), evidence: { level: 'reported', ref: 'many real STS denials with no reason: `... is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::212353106417:role/MagicRole`; HackTricks notes AWS answers this whether or not the role exists. IAM UG (2023) instead documents `sts:AssumeRole because no role trust policy allows the sts:AssumeRole action`.' } },
  assume('service principal ec2.amazonaws.com may assume', 'IAM User Guide: AWS JSON policy elements: Principal (AWS service principals)', 'ec2', { trust: trustDoc(trust({ Service: 'ec2.amazonaws.com' }, 'sts:AssumeRole', { Sid: 'Ec2' })) }, { decision: 'Allowed', by: 'trust', statement: 'Ec2' }),
  assume('service principal list: any listed service', 'IAM User Guide: AWS JSON policy elements: Principal', 'ec2', { trust: trustDoc(trust({ Service: ['lambda.amazonaws.com', 'ec2.amazonaws.com'] })) }, { decision: 'Allowed', by: 'trust' }),
  assume('another service is not trusted', 'IAM User Guide: AWS JSON policy elements: Principal', 'ec2', { trust: trustDoc(trust({ Service: 'lambda.amazonaws.com' })) }, { decision: 'ImplicitDeny', by: 'trust' }),
  assume('cross account: trust names the caller\'s account and the caller\'s identity allows', CROSS, 'carol', { trust: trustDoc(trust({ AWS: `arn:aws:iam::${OTHER}:root` }, 'sts:AssumeRole', { Sid: 'T' })), identity: [assumeAny] }, { decision: 'Allowed', by: 'trust', statement: 'T' }, ROLE_ARN, ACCT),
  { ...assume(
    'cross account: trust names the caller directly, but the caller\'s account does not allow',
    `${CROSS}; spec 4.2 (cross-account message)`,
    'carol',
    { trust: trustDoc(trust({ AWS: CAROL })) },
    { decision: 'ImplicitDeny', by: 'identity', message: `${noSuffix(CAROL)} because no identity-based policy allows the sts:AssumeRole action` },
    ROLE_ARN,
    ACCT,
  ), evidence: { level: 'unconfirmed', ref: 'no real cross-account AssumeRole denial with a reason found' } },
  assume('cross account: trust names the caller and the caller\'s identity allows', CROSS, 'carol', { trust: trustDoc(trust({ AWS: CAROL })), identity: [assumeAny] }, { decision: 'Allowed', by: 'trust' }, ROLE_ARN, ACCT),
  { ...assume('cross account: trust does not name the caller\'s account', CROSS, 'carol', { trust: trustDoc(trust({ AWS: ACCT })), identity: [assumeAny] }, { decision: 'ImplicitDeny', by: 'trust', message: noSuffix(CAROL) }, ROLE_ARN, ACCT), evidence: { level: 'reported', ref: 'real cross-account denials without reason (e.g. SecurityRemediationRole 111111111111 -> 222222222222)' } },
  assume('cross account: a user of this account assuming a role in another account', CROSS, 'jill', { trust: trustDoc(trust({ AWS: ACCT })), identity: [v12(allow('sts:AssumeRole', CROSS_ROLE, { Sid: 'Assume' }))] }, { decision: 'Allowed', by: 'trust' }, CROSS_ROLE, OTHER),
  assume('role chaining: trust naming the caller\'s role allows its sessions', CHAIN, 'deploy', { trust: trustDoc(trust({ AWS: `arn:aws:iam::${ACCT}:role/Deploy` }, 'sts:AssumeRole', { Sid: 'Chain' })) }, { decision: 'Allowed', by: 'trust', statement: 'Chain' }),
  { ...assume(
    'role chaining: trust naming the role is limited by that role\'s boundary',
    `${CHAIN}; spec 5.1 step 3 (role ARN grants are limited)`,
    'deploy',
    { trust: trustDoc(trust({ AWS: `arn:aws:iam::${ACCT}:role/Deploy` })), boundary: v12(allow('s3:*')) },
    { decision: 'ImplicitDeny', by: 'boundary', message: `${noSuffix(`arn:aws:sts::${ACCT}:assumed-role/Deploy/ci`)} because no permissions boundary allows the sts:AssumeRole action` },
  ), evidence: { level: 'unconfirmed', ref: 'not found' } },
  assume('role chaining: trust naming the role is limited by session policies', CHAIN, 'deploy', { trust: trustDoc(trust({ AWS: `arn:aws:iam::${ACCT}:role/Deploy` })), session: [v12(allow('s3:*'))] }, { decision: 'ImplicitDeny', by: 'session' }),
  assume('role chaining: trust naming the session ARN is not limited by the boundary', CHAIN, 'deploy', { trust: trustDoc(trust({ AWS: `arn:aws:sts::${ACCT}:assumed-role/Deploy/ci` })), boundary: v12(allow('s3:*')) }, { decision: 'Allowed', by: 'trust' }),
  assume('role chaining: another role\'s session is not trusted', CHAIN, 'admin', { trust: trustDoc(trust({ AWS: `arn:aws:iam::${ACCT}:role/Deploy` })), identity: [assumeAny] }, { decision: 'ImplicitDeny', by: 'trust' }),
  assume('sts:ExternalId condition matches', 'IAM User Guide: Access to AWS accounts owned by third parties (external ID)', 'carol', { trust: trustDoc(trust({ AWS: OTHER }, 'sts:AssumeRole', { Condition: { StringEquals: { 'sts:ExternalId': 'Unique-7' } } })), identity: [assumeAny] }, { decision: 'Allowed', by: 'trust' }, ROLE_ARN, ACCT, { 'sts:ExternalId': 'Unique-7' }),
  { ...assume('sts:ExternalId missing: the trust policy does not allow', 'IAM User Guide: external ID', 'carol', { trust: trustDoc(trust({ AWS: OTHER }, 'sts:AssumeRole', { Condition: { StringEquals: { 'sts:ExternalId': 'Unique-7' } } })), identity: [assumeAny] }, { decision: 'ImplicitDeny', by: 'trust', message: noSuffix(CAROL) }, ROLE_ARN, ACCT), evidence: { level: 'reported', ref: 'no-reason form (as above)' } },
  assume('sts:ExternalId wrong: the trust policy does not allow', 'IAM User Guide: external ID', 'carol', { trust: trustDoc(trust({ AWS: OTHER }, 'sts:AssumeRole', { Condition: { StringEquals: { 'sts:ExternalId': 'Unique-7' } } })), identity: [assumeAny] }, { decision: 'ImplicitDeny', by: 'trust' }, ROLE_ARN, ACCT, { 'sts:ExternalId': 'unique-7' }),
  assume(
    'MFA required by the trust policy: no MFA is denied',
    'IAM User Guide: Configuring MFA-protected API access (trust policy condition)',
    'jill',
    { trust: trustDoc(trust({ AWS: JILL }, 'sts:AssumeRole', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } })) },
    { decision: 'ImplicitDeny', by: 'trust' },
  ),
  assume('MFA required by the trust policy: with MFA allowed', 'IAM User Guide: Configuring MFA-protected API access', 'jill', { trust: trustDoc(trust({ AWS: JILL }, 'sts:AssumeRole', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } })) }, { decision: 'Allowed', by: 'trust' }, ROLE_ARN, undefined, { 'aws:MultiFactorAuthPresent': true }),
  assume(
    'sts:RoleSessionName must equal ${aws:username}',
    'IAM User Guide: IAM and AWS STS condition context keys (sts:RoleSessionName)',
    'jill',
    { trust: trustDoc(trust({ AWS: ACCT }, 'sts:AssumeRole', { Condition: { StringEquals: { 'sts:RoleSessionName': '${aws:username}' } } })), identity: [assumeAny] },
    { decision: 'Allowed', by: 'identity' },
    ROLE_ARN,
    undefined,
    { 'sts:RoleSessionName': 'jill' },
  ),
  assume(
    'sts:RoleSessionName different from ${aws:username} is denied',
    'IAM User Guide: IAM and AWS STS condition context keys (sts:RoleSessionName)',
    'jill',
    { trust: trustDoc(trust({ AWS: ACCT }, 'sts:AssumeRole', { Condition: { StringEquals: { 'sts:RoleSessionName': '${aws:username}' } } })), identity: [assumeAny] },
    { decision: 'ImplicitDeny', by: 'trust' },
    ROLE_ARN,
    undefined,
    { 'sts:RoleSessionName': 'admin' },
  ),
  { ...assume(
    'Deny in the trust policy',
    'IAM User Guide: Troubleshoot access denied error messages (role trust policies: "with an explicit deny in the role trust policy"; awsdocs/iam-user-guide e2b8637 troubleshoot_access-denied.md:93-97)',
    'jill',
    { trust: trustDoc(trust({ AWS: ACCT }), { Sid: 'NoJill', Effect: 'Deny', Principal: { AWS: JILL }, Action: 'sts:AssumeRole' }), identity: [assumeAny] },
    { decision: 'ExplicitDeny', by: 'trust', statement: 'NoJill', message: `${noSuffix(JILL)} with an explicit deny in the role trust policy` },
  ), evidence: { level: 'documented', ref: 'IAM UG troubleshoot_access-denied.md:93-97 (awsdocs/iam-user-guide e2b8637): `with an explicit deny in the role trust policy` (corrected from `a resource-based policy`); real STS denials are reported without a reason' } },
  assume('trust naming a deleted user\'s unique id matches nothing', 'spec 4.4 (deleted principal becomes its unique id; matches nothing)', 'jill', { trust: trustDoc(trust({ AWS: 'AIDADELETEDUSER000001' })), identity: [assumeAny] }, { decision: 'ImplicitDeny', by: 'trust' }),
  {
    name: 'sts:TagSession needs its own trust permission',
    source: 'IAM User Guide: Passing session tags in AWS STS (sts:TagSession in the trust policy)',
    policies: { trust: trustDoc(trust({ AWS: JILL }, 'sts:AssumeRole')) },
    request: { principal: 'jill', action: 'sts:TagSession', resource: ROLE_ARN },
    expect: { decision: 'ImplicitDeny', by: 'trust' },
  },
  {
    name: 'sts:TagSession allowed when listed with sts:AssumeRole',
    source: 'IAM User Guide: Passing session tags in AWS STS',
    policies: { trust: trustDoc(trust({ AWS: JILL }, ['sts:AssumeRole', 'sts:TagSession'], { Sid: 'T' })) },
    request: { principal: 'jill', action: 'sts:TagSession', resource: ROLE_ARN },
    expect: { decision: 'Allowed', by: 'trust', statement: 'T' },
  },
]
