import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeletePolicyCommand,
  DeleteRoleCommand,
  DeleteUserCommand,
  DetachUserPolicyCommand,
  GetAccountSummaryCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetUserCommand,
  ListAttachedUserPoliciesCommand,
  ListUsersCommand,
  paginateListUsers,
  PutUserPolicyCommand,
  GetUserPolicyCommand,
} from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import { createEmulator } from '../src/emulator/index.js'
import { clients, doc, failure } from './emulator-helpers.js'

const ACCOUNT = '123456789012'

describe('IAM through the real SDK v3 client, in memory', () => {
  it('runs the seed flow: user, key, role, policy, attach, use, clean up', async () => {
    const em = createEmulator()
    const { iam } = clients(em, em.root)
    const user = (await iam.send(new CreateUserCommand({ UserName: 'alice', Path: '/labs/' }))).User!
    expect(user.Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/labs/alice`)
    expect(user.UserId).toMatch(/^AIDA[A-Z0-9]{17}$/)
    expect(user.CreateDate).toBeInstanceOf(Date)

    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey!
    expect(key.AccessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/)
    expect(key.SecretAccessKey).toHaveLength(40)

    const trust = doc([{ Effect: 'Allow', Principal: { AWS: user.Arn }, Action: 'sts:AssumeRole' }])
    const role = (await iam.send(new CreateRoleCommand({ RoleName: 'reader', AssumeRolePolicyDocument: trust }))).Role!
    expect(role.RoleId).toMatch(/^AROA/)
    const got = (await iam.send(new GetRoleCommand({ RoleName: 'reader' }))).Role!
    // SDK v3 does not decode: the document arrives URL-encoded, as from AWS.
    expect(got.AssumeRolePolicyDocument).toBe(encodeURIComponent(trust))
    expect(decodeURIComponent(got.AssumeRolePolicyDocument!)).toBe(trust)
    expect(got.MaxSessionDuration).toBe(3600)

    const policyDoc = doc([{ Effect: 'Allow', Action: ['iam:GetUser', 'iam:ListUsers'], Resource: '*' }])
    const policy = (await iam.send(new CreatePolicyCommand({ PolicyName: 'ReadUsers', PolicyDocument: policyDoc }))).Policy!
    expect(policy.Arn).toBe(`arn:aws:iam::${ACCOUNT}:policy/ReadUsers`)

    const asAlice = clients(em, { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! }).iam
    const denied = await failure(asAlice.send(new ListUsersCommand({})))
    expect(denied).toEqual({
      name: 'AccessDenied',
      status: 403,
      message: `User: ${user.Arn} is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::${ACCOUNT}:user/ because no identity-based policy allows the iam:ListUsers action`,
    })

    await iam.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: policy.Arn }))
    const listed = await asAlice.send(new ListUsersCommand({}))
    expect(listed.Users!.map((u) => u.UserName)).toEqual(['alice'])
    expect((await asAlice.send(new GetUserCommand({}))).User!.Arn).toBe(user.Arn)
    const notAllowed = await failure(asAlice.send(new CreateUserCommand({ UserName: 'bob' })))
    expect(notAllowed.name).toBe('AccessDenied')
    expect(notAllowed.message).toContain(`iam:CreateUser on resource: arn:aws:iam::${ACCOUNT}:user/bob`)

    const attached = await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'alice' }))
    expect(attached.AttachedPolicies).toEqual([{ PolicyName: 'ReadUsers', PolicyArn: policy.Arn }])
    expect(attached.IsTruncated).toBe(false)

    const conflict = await failure(iam.send(new DeleteUserCommand({ UserName: 'alice' })))
    expect(conflict).toEqual({ name: 'DeleteConflictException', status: 409, message: 'Cannot delete entity, must delete access keys first.' })
    await iam.send(new DeleteAccessKeyCommand({ UserName: 'alice', AccessKeyId: key.AccessKeyId }))
    await iam.send(new DetachUserPolicyCommand({ UserName: 'alice', PolicyArn: policy.Arn }))
    await iam.send(new DeleteUserCommand({ UserName: 'alice' }))
    await iam.send(new DeletePolicyCommand({ PolicyArn: policy.Arn }))
    await iam.send(new DeleteRoleCommand({ RoleName: 'reader' }))
    const inv = em.inventory()
    expect([inv.users, inv.roles, inv.policies]).toEqual([[], [], []])
  })

  it('maps IAM errors to the SDK exception classes with AWS statuses', async () => {
    const em = createEmulator()
    const { iam } = clients(em, em.root)
    expect(await failure(iam.send(new GetUserCommand({ UserName: 'ghost' })))).toEqual({
      name: 'NoSuchEntityException',
      status: 404,
      message: 'The user with name ghost cannot be found.',
    })
    await iam.send(new CreateUserCommand({ UserName: 'dup' }))
    expect(await failure(iam.send(new CreateUserCommand({ UserName: 'DUP' })))).toEqual({
      name: 'EntityAlreadyExistsException',
      status: 409,
      message: 'User with name DUP already exists.',
    })
    expect(await failure(iam.send(new CreateUserCommand({ UserName: 'no spaces' })))).toEqual({
      name: 'ValidationError',
      status: 400,
      message:
        "1 validation error detected: Value at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
    })
    const ghost = `arn:aws:iam::${ACCOUNT}:user/ghost`
    expect(
      await failure(
        iam.send(
          new CreateRoleCommand({
            RoleName: 'r',
            AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { AWS: ghost }, Action: 'sts:AssumeRole' }]),
          }),
        ),
      ),
    ).toEqual({ name: 'MalformedPolicyDocumentException', status: 400, message: `Invalid principal in policy: "AWS":"${ghost}"` })
  })

  it('returns policy documents URL-encoded and paginates with the SDK paginator', async () => {
    const em = createEmulator()
    const { iam } = clients(em, em.root)
    for (let i = 0; i < 7; i++) await iam.send(new CreateUserCommand({ UserName: `user${i}` }))
    const names: string[] = []
    let pages = 0
    for await (const page of paginateListUsers({ client: iam, pageSize: 3 }, {})) {
      pages++
      names.push(...page.Users!.map((u) => u.UserName!))
    }
    expect(pages).toBe(3)
    expect(names).toEqual(['user0', 'user1', 'user2', 'user3', 'user4', 'user5', 'user6'])

    const inline = doc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }])
    await iam.send(new PutUserPolicyCommand({ UserName: 'user0', PolicyName: 'p', PolicyDocument: inline }))
    const got = await iam.send(new GetUserPolicyCommand({ UserName: 'user0', PolicyName: 'p' }))
    expect(decodeURIComponent(got.PolicyDocument!)).toBe(inline)
    expect(got.PolicyDocument).toContain('%2A')

    const admin = await iam.send(new GetPolicyVersionCommand({ PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess', VersionId: 'v1' }))
    expect(JSON.parse(decodeURIComponent(admin.PolicyVersion!.Document!)).Statement[0].Action).toBe('*')
    expect(admin.PolicyVersion!.IsDefaultVersion).toBe(true)
  })

  it('GetAccountSummary returns a map the SDK parses', async () => {
    const em = createEmulator()
    const { iam } = clients(em, em.root)
    await iam.send(new CreateUserCommand({ UserName: 'u' }))
    const summary = (await iam.send(new GetAccountSummaryCommand({}))).SummaryMap!
    expect(summary.Users).toBe(1)
    expect(summary.AccessKeysPerUserQuota).toBe(2)
    expect(summary.AccountAccessKeysPresent).toBe(1)
  })

  it('new keys and attachments take effect only after the consistency delay', async () => {
    let now = Date.now()
    const em = createEmulator({ consistencyDelayMs: 10_000, clock: { now: () => now } })
    const { iam } = clients(em, em.root)
    await iam.send(new CreateUserCommand({ UserName: 'late' }))
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'late' }))).AccessKey!
    const asLate = clients(em, { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! }).iam
    const early = await failure(asLate.send(new GetUserCommand({})))
    expect([early.name, early.status]).toEqual(['InvalidClientTokenId', 403])
    now += 10_001
    await iam.send(
      new PutUserPolicyCommand({ UserName: 'late', PolicyName: 'self', PolicyDocument: doc([{ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' }]) }),
    )
    const notYet = await failure(asLate.send(new GetUserCommand({})))
    expect(notYet.name).toBe('AccessDenied')
    now += 10_001
    expect((await asLate.send(new GetUserCommand({}))).User!.UserName).toBe('late')
  })
})
