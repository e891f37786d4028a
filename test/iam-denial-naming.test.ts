import * as iam from '@aws-sdk/client-iam'
import { beforeAll, describe, expect, it } from 'vitest'
import { createEmulator, type Emulator } from '../src/emulator/index.js'
import { iamOperations } from '../src/emulator/services/iam/index.js'
import { DENIAL_NAMING } from '../src/emulator/services/iam/denial-resource.js'
import { clients, failure, type Creds } from './emulator-helpers.js'

/**
 * Issue 16 item 6: IAM names the resource of a denial per action. The expected forms come from
 * real AccessDenied texts (sources per row in src/emulator/services/iam/denial-resource.ts; the
 * research notes of issue 16 quote them), e.g.
 * `iam:GetRole on resource: role ManagedOpenShift-Support-Role because no identity-based policy allows ...`,
 * `iam:ListPolicies on resource: policy path / because ...`,
 * `iam:GetAccountAuthorizationDetails on resource: * because ...` (731893500750),
 * `iam:TagRole on resource: arn:aws:iam::375896310755:role/goorm-... because ...`.
 */
const ACCT = '123456789012'
const ALICE = `arn:aws:iam::${ACCT}:user/alice`

let em: Emulator
let alice: ReturnType<typeof clients>['iam']

beforeAll(async () => {
  em = createEmulator()
  const root = clients(em, em.root).iam
  await root.send(new iam.CreateUserCommand({ UserName: 'alice' }))
  await root.send(new iam.CreateUserCommand({ UserName: 'bob' }))
  await root.send(new iam.CreateGroupCommand({ GroupName: 'devs' }))
  await root.send(new iam.CreateRoleCommand({ RoleName: 'app', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: ACCT }, Action: 'sts:AssumeRole' }] }) }))
  await root.send(new iam.CreateInstanceProfileCommand({ InstanceProfileName: 'nodes' }))
  const key = (await root.send(new iam.CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey!
  const creds: Creds = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! }
  alice = clients(em, creds).iam
})

const denied = (action: string, resource: string) => `User: ${ALICE} is not authorized to perform: iam:${action} on resource: ${resource} because no identity-based policy allows the iam:${action} action`

const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: ACCT }, Action: 'sts:AssumeRole' }] })

const CASES: [string, () => object, string][] = [
  ['GetRole', () => new iam.GetRoleCommand({ RoleName: 'app' }), 'role app'],
  ['UpdateRole', () => new iam.UpdateRoleCommand({ RoleName: 'app', Description: 'x' }), 'role app'],
  ['DeleteRole', () => new iam.DeleteRoleCommand({ RoleName: 'app' }), 'role app'],
  ['ListRoleTags', () => new iam.ListRoleTagsCommand({ RoleName: 'app' }), 'role app'],
  ['GetUser', () => new iam.GetUserCommand({ UserName: 'bob' }), 'user bob'],
  ['CreateAccessKey', () => new iam.CreateAccessKeyCommand({ UserName: 'bob' }), 'user bob'],
  ['ListAccessKeys', () => new iam.ListAccessKeysCommand({ UserName: 'bob' }), 'user bob'],
  ['UpdateAccessKey', () => new iam.UpdateAccessKeyCommand({ UserName: 'bob', AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Status: 'Inactive' }), 'user bob'],
  ['ListGroupsForUser', () => new iam.ListGroupsForUserCommand({ UserName: 'bob' }), 'user bob'],
  ['GetGroup', () => new iam.GetGroupCommand({ GroupName: 'devs' }), 'group devs'],
  ['AddUserToGroup', () => new iam.AddUserToGroupCommand({ GroupName: 'devs', UserName: 'bob' }), 'group devs'],
  ['TagRole', () => new iam.TagRoleCommand({ RoleName: 'app', Tags: [{ Key: 'k', Value: 'v' }] }), `arn:aws:iam::${ACCT}:role/app`],
  ['CreateRole', () => new iam.CreateRoleCommand({ RoleName: 'new', Path: '/service-role/', AssumeRolePolicyDocument: trust }), `arn:aws:iam::${ACCT}:role/service-role/new`],
  ['CreateUser', () => new iam.CreateUserCommand({ UserName: 'carol' }), `arn:aws:iam::${ACCT}:user/carol`],
  ['CreateGroup', () => new iam.CreateGroupCommand({ GroupName: 'ops' }), `arn:aws:iam::${ACCT}:group/ops`],
  ['ListPolicies', () => new iam.ListPoliciesCommand({}), 'policy path /'],
  ['GetAccountSummary', () => new iam.GetAccountSummaryCommand({}), '*'],
  ['GetAccountAuthorizationDetails', () => new iam.GetAccountAuthorizationDetailsCommand({}), '*'],
  ['GetInstanceProfile', () => new iam.GetInstanceProfileCommand({ InstanceProfileName: 'nodes' }), 'instance profile nodes'],
  ['AddRoleToInstanceProfile', () => new iam.AddRoleToInstanceProfileCommand({ InstanceProfileName: 'nodes', RoleName: 'app' }), 'instance profile nodes'],
  ['ListInstanceProfilesForRole', () => new iam.ListInstanceProfilesForRoleCommand({ RoleName: 'app' }), 'role app'],
  ['CreateInstanceProfile', () => new iam.CreateInstanceProfileCommand({ InstanceProfileName: 'more' }), `arn:aws:iam::${ACCT}:instance-profile/more`],
  ['CreateServiceLinkedRole', () => new iam.CreateServiceLinkedRoleCommand({ AWSServiceName: 'elasticloadbalancing.amazonaws.com' }), `arn:aws:iam::${ACCT}:role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing`],
  ['CreateOpenIDConnectProvider', () => new iam.CreateOpenIDConnectProviderCommand({ Url: 'https://token.actions.githubusercontent.com', ClientIDList: ['sts.amazonaws.com'] }), `arn:aws:iam::${ACCT}:oidc-provider/token.actions.githubusercontent.com`],
  ['CreatePolicy', () => new iam.CreatePolicyCommand({ PolicyName: 'pol', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }) }), 'policy pol'],
]

describe('AccessDenied names the resource the way IAM does, per action', () => {
  it.each(CASES)('%s', async (action, command, resource) => {
    const f = await failure(alice.send(command() as never))
    expect(f).toEqual({ name: 'AccessDenied', status: 403, message: denied(action, resource) })
  })

  it('every IAM operation iamflow serves has a naming row with its evidence', () => {
    const missing = Object.keys(iamOperations).filter((op) => !Object.hasOwn(DENIAL_NAMING, op))
    expect(missing).toEqual([])
    for (const [op, row] of Object.entries(DENIAL_NAMING)) {
      if (row!.evidence !== 'unconfirmed') expect(row!.source?.length ?? 0, op).toBeGreaterThan(10)
    }
  })
})
