import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateUserCommand,
  GetPolicyCommand,
  ListAttachedUserPoliciesCommand,
  ListRolePoliciesCommand,
  PutGroupPolicyCommand,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam'
import { beforeEach, describe, expect, it } from 'vitest'
import { createEmulator, type Emulator } from '../src/emulator/index.js'
import { clients, doc, failure, type Creds } from './emulator-helpers.js'

const ACCT = '123456789012'
const ALICE = `arn:aws:iam::${ACCT}:user/alice`
const trust = doc([{ Effect: 'Allow', Principal: { AWS: ACCT }, Action: 'sts:AssumeRole' }])
const readS3 = doc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }])
const implicit = (action: string, resource: string) =>
  `User: ${ALICE} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`

/**
 * IAM's policy-management actions name their target by kind and name in AccessDenied messages
 * (`on resource: policy MyPolicy`, `role R`, `user bob`), as AWS's real denials read; the rest
 * keep the ARN. Evaluation still uses the ARN.
 */
describe('IAM AccessDenied messages name the resource as AWS does', () => {
  let em: Emulator
  let root: ReturnType<typeof clients>
  let alice: ReturnType<typeof clients>
  let policyArn: string

  beforeEach(async () => {
    em = createEmulator()
    root = clients(em, em.root)
    await root.iam.send(new CreateUserCommand({ UserName: 'alice' }))
    await root.iam.send(new CreateUserCommand({ UserName: 'bob', Path: '/team/' }))
    await root.iam.send(new CreateGroupCommand({ GroupName: 'devs' }))
    await root.iam.send(new CreateRoleCommand({ RoleName: 'Deploy', Path: '/ci/', AssumeRolePolicyDocument: trust }))
    policyArn = (await root.iam.send(new CreatePolicyCommand({ PolicyName: 'shared', Path: '/lab/', PolicyDocument: readS3 }))).Policy!.Arn!
    const k = (await root.iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey!
    const creds: Creds = { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! }
    alice = clients(em, creds)
  })

  it('CreatePolicy: `policy <name>` (whatever the path), for implicit and explicit denials', async () => {
    const create = (Path?: string) => alice.iam.send(new CreatePolicyCommand({ PolicyName: 'lab-policy', PolicyDocument: readS3, ...(Path ? { Path } : {}) }))
    for (const path of [undefined, '/team/a/']) {
      expect(await failure(create(path))).toEqual({ name: 'AccessDenied', status: 403, message: implicit('iam:CreatePolicy', 'policy lab-policy') })
    }
    // The statement still matches the policy ARN: /team/* is allowed, / is not; a Deny wins.
    const grant = doc([
      { Effect: 'Allow', Action: 'iam:CreatePolicy', Resource: `arn:aws:iam::${ACCT}:policy/team/*` },
      { Effect: 'Deny', Action: 'iam:CreatePolicy', Resource: `arn:aws:iam::${ACCT}:policy/team/blocked/*` },
    ])
    await root.iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'grant', PolicyDocument: grant }))
    expect((await create('/team/a/')).Policy!.Arn).toBe(`arn:aws:iam::${ACCT}:policy/team/a/lab-policy`)
    expect((await failure(create())).message).toBe(implicit('iam:CreatePolicy', 'policy lab-policy'))
    expect((await failure(create('/team/blocked/'))).message).toBe(
      `User: ${ALICE} is not authorized to perform: iam:CreatePolicy on resource: policy lab-policy with an explicit deny in an identity-based policy`,
    )
  })

  it('managed policy reads and versions: `policy <arn>`', async () => {
    expect((await failure(alice.iam.send(new GetPolicyCommand({ PolicyArn: policyArn })))).message).toBe(implicit('iam:GetPolicy', `policy ${policyArn}`))
    const version = alice.iam.send(new CreatePolicyVersionCommand({ PolicyArn: policyArn, PolicyDocument: readS3 }))
    expect((await failure(version)).message).toBe(implicit('iam:CreatePolicyVersion', `policy ${policyArn}`))
  })

  it('inline, attached and trust policies of an entity: `<kind> <name>`, without the path', async () => {
    const cases: Array<[Promise<unknown>, string, string]> = [
      [alice.iam.send(new PutRolePolicyCommand({ RoleName: 'Deploy', PolicyName: 'p', PolicyDocument: readS3 })), 'iam:PutRolePolicy', 'role Deploy'],
      [alice.iam.send(new ListRolePoliciesCommand({ RoleName: 'Deploy' })), 'iam:ListRolePolicies', 'role Deploy'],
      [alice.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'Deploy', PolicyDocument: trust })), 'iam:UpdateAssumeRolePolicy', 'role Deploy'],
      [alice.iam.send(new AttachUserPolicyCommand({ UserName: 'bob', PolicyArn: policyArn })), 'iam:AttachUserPolicy', 'user bob'],
      [alice.iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'bob' })), 'iam:ListAttachedUserPolicies', 'user bob'],
      [alice.iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'self', PolicyDocument: readS3 })), 'iam:PutUserPolicy', 'user alice'],
      [alice.iam.send(new PutGroupPolicyCommand({ GroupName: 'devs', PolicyName: 'p', PolicyDocument: readS3 })), 'iam:PutGroupPolicy', 'group devs'],
    ]
    for (const [call, action, resource] of cases) {
      expect(await failure(call)).toEqual({ name: 'AccessDenied', status: 403, message: implicit(action, resource) })
    }
  })

  it('other IAM actions keep the ARN (CreateRole, PutRolePermissionsBoundary)', async () => {
    const role = alice.iam.send(new CreateRoleCommand({ RoleName: 'New', AssumeRolePolicyDocument: trust }))
    expect((await failure(role)).message).toBe(implicit('iam:CreateRole', `arn:aws:iam::${ACCT}:role/New`))
    const boundary = alice.iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: 'Deploy', PermissionsBoundary: policyArn }))
    expect((await failure(boundary)).message).toBe(implicit('iam:PutRolePermissionsBoundary', `arn:aws:iam::${ACCT}:role/ci/Deploy`))
  })
})
