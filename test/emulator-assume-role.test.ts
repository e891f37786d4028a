import {
  AttachRolePolicyCommand,
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  ListUsersCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam'
import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts'
import { beforeEach, describe, expect, it } from 'vitest'
import { createEmulator, type Emulator } from '../src/emulator/index.js'
import { totp } from '../src/totp.js'
import { clients, doc, failure, type Creds } from './emulator-helpers.js'

const ACCT = '123456789012'

async function setup(em: Emulator, trust: object[], userPolicy?: object[]) {
  const root = clients(em, em.root)
  await root.iam.send(new CreateUserCommand({ UserName: 'alice' }))
  const key = (await root.iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey!
  const role = (await root.iam.send(new CreateRoleCommand({ RoleName: 'Reader', AssumeRolePolicyDocument: doc(trust) }))).Role!
  await root.iam.send(new AttachRolePolicyCommand({ RoleName: 'Reader', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }))
  if (userPolicy) await root.iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'p', PolicyDocument: doc(userPolicy) }))
  const alice: Creds = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! }
  return { root, alice, role }
}

const trustAlice = [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCT}:user/alice` }, Action: 'sts:AssumeRole' }]
const trustAccount = [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCT}:root` }, Action: 'sts:AssumeRole' }]

describe('STS AssumeRole through the SDK (in memory)', () => {
  let em: Emulator
  beforeEach(() => {
    em = createEmulator()
  })

  it('same account, trust names the user: no identity policy needed; session identity and credentials are AWS-shaped', async () => {
    const { alice, role } = await setup(em, trustAlice)
    const out = await clients(em, alice).sts.send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'lab' }))
    const c = out.Credentials!
    expect(c.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/)
    expect(c.SecretAccessKey).toHaveLength(40)
    expect(c.SessionToken!.length).toBeGreaterThan(100)
    expect(c.SessionToken).not.toContain(c.SecretAccessKey)
    expect(c.Expiration!.getTime() - Date.now()).toBeGreaterThan(3590_000)
    expect(c.Expiration!.getTime() - Date.now()).toBeLessThanOrEqual(3600_000)
    expect(out.AssumedRoleUser).toEqual({ Arn: `arn:aws:sts::${ACCT}:assumed-role/Reader/lab`, AssumedRoleId: `${role.RoleId}:lab` })
    const session = clients(em, { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! })
    const who = await session.sts.send(new GetCallerIdentityCommand({}))
    expect(who).toMatchObject({ Account: ACCT, Arn: `arn:aws:sts::${ACCT}:assumed-role/Reader/lab`, UserId: `${role.RoleId}:lab` })
  })

  it('trust names the account: the user also needs an identity Allow', async () => {
    const { alice, role } = await setup(em, trustAccount)
    const f = await failure(clients(em, alice).sts.send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'lab' })))
    expect(f.name).toBe('AccessDenied')
    expect(f.status).toBe(403)
    expect(f.message).toMatch(/^User: arn:aws:iam::123456789012:user\/alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role\/Reader/)
  })

  it('trust names the account and the user has an identity Allow: assumed', async () => {
    const { alice, role } = await setup(em, trustAccount, [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${ACCT}:role/Reader` }])
    const out = await clients(em, alice).sts.send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'lab' }))
    expect(out.AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${ACCT}:assumed-role/Reader/lab`)
  })

  it('a role that does not exist is AccessDenied, not NoSuchEntity', async () => {
    const { alice } = await setup(em, trustAlice, [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }])
    const f = await failure(clients(em, alice).sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCT}:role/Nope`, RoleSessionName: 'lab' })))
    expect(f).toEqual({
      name: 'AccessDenied',
      status: 403,
      message: `User: arn:aws:iam::${ACCT}:user/alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${ACCT}:role/Nope`,
    })
  })

  it('the root user may not assume roles', async () => {
    const { role } = await setup(em, trustAccount)
    const f = await failure(clients(em, em.root).sts.send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'lab' })))
    expect(f).toEqual({ name: 'AccessDenied', status: 403, message: 'Roles may not be assumed by root accounts.' })
  })

  it('validates DurationSeconds, session name and MaxSessionDuration with AWS messages', async () => {
    const { alice, role } = await setup(em, trustAlice)
    const sts = clients(em, alice).sts
    expect(await failure(sts.send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'lab', DurationSeconds: 100 })))).toEqual({
      name: 'ValidationError',
      status: 400,
      message: "1 validation error detected: Value '100' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    })
    expect(await failure(sts.send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'bad name' })))).toEqual({
      name: 'ValidationError',
      status: 400,
      message: "1 validation error detected: Value 'bad name' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
    })
    expect(await failure(sts.send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'lab', DurationSeconds: 7200 })))).toEqual({
      name: 'ValidationError',
      status: 400,
      message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    })
  })

  it('role chaining is capped at one hour', async () => {
    const { alice, role } = await setup(em, trustAlice)
    const c = (await clients(em, alice).sts.send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'one' }))).Credentials!
    // let the role trust its own sessions
    const root = clients(em, em.root)
    await root.iam.send(
      new CreateRoleCommand({
        RoleName: 'Second',
        MaxSessionDuration: 43200,
        AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { AWS: role.Arn }, Action: 'sts:AssumeRole' }]),
      }),
    )
    const session = clients(em, { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! })
    const f = await failure(
      session.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCT}:role/Second`, RoleSessionName: 'two', DurationSeconds: 7200 })),
    )
    expect(f).toEqual({
      name: 'ValidationError',
      status: 400,
      message: 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    })
    const ok = await session.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCT}:role/Second`, RoleSessionName: 'two' }))
    expect(ok.AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${ACCT}:assumed-role/Second/two`)
  })

  it('ExternalId is checked through the sts:ExternalId condition', async () => {
    const trust = [{ ...trustAlice[0], Condition: { StringEquals: { 'sts:ExternalId': 'secret-handshake' } } }]
    const { alice, role } = await setup(em, trust)
    const sts = clients(em, alice).sts
    expect((await failure(sts.send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'lab' })))).name).toBe('AccessDenied')
    expect((await failure(sts.send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'lab', ExternalId: 'wrong-one' })))).name).toBe('AccessDenied')
    const ok = await sts.send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'lab', ExternalId: 'secret-handshake' }))
    expect(ok.Credentials!.AccessKeyId).toMatch(/^ASIA/)
  })

  it('GetSessionToken: long-term credentials only, user identity kept', async () => {
    const { alice } = await setup(em, trustAlice)
    const out = await clients(em, alice).sts.send(new GetSessionTokenCommand({}))
    const c = out.Credentials!
    expect(c.Expiration!.getTime() - Date.now()).toBeGreaterThan(43190_000)
    const s = clients(em, { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! })
    expect((await s.sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:iam::${ACCT}:user/alice`)
    expect(await failure(s.sts.send(new GetSessionTokenCommand({})))).toEqual({
      name: 'AccessDenied',
      status: 403,
      message: 'Cannot call GetSessionToken with session credentials',
    })
    // Without MFA, GetSessionToken credentials cannot call IAM.
    expect((await failure(s.iam.send(new ListUsersCommand({})))).name).toBe('InvalidClientTokenId')
    // With MFA (a real device and code), they can: AccessDenied, not InvalidClientTokenId.
    const root = clients(em, em.root).iam
    const device = (await root.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'alice' }))).VirtualMFADevice!
    const seed = new TextDecoder().decode(device.Base32StringSeed!)
    const at = Date.now()
    await root.send(new EnableMFADeviceCommand({ UserName: 'alice', SerialNumber: device.SerialNumber!, AuthenticationCode1: totp(seed, at), AuthenticationCode2: totp(seed, at, 1) }))
    const mfa = (await clients(em, alice).sts.send(new GetSessionTokenCommand({ SerialNumber: device.SerialNumber!, TokenCode: totp(seed, Date.now()) }))).Credentials!
    const withMfa = clients(em, { accessKeyId: mfa.AccessKeyId!, secretAccessKey: mfa.SecretAccessKey!, sessionToken: mfa.SessionToken! })
    expect((await failure(withMfa.iam.send(new ListUsersCommand({})))).name).toBe('AccessDenied')
  })

  it('an expired session token is refused with ExpiredToken', async () => {
    let now = Date.now()
    em = createEmulator({ clock: { now: () => now } })
    const { alice, role } = await setup(em, trustAlice)
    const c = (await clients(em, alice).sts.send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'lab', DurationSeconds: 900 }))).Credentials!
    now += 901_000
    const s = clients(em, { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! })
    // The SDK signs with its own clock, 901 s behind the emulator's: token expiry is checked
    // before clock skew, as AWS does.
    expect(await failure(s.sts.send(new GetCallerIdentityCommand({})))).toEqual({
      name: 'ExpiredToken',
      status: 403,
      message: 'The security token included in the request is expired',
    })
  })
})

describe('AssumeRole: cross-account, session policies, session tags (in memory)', () => {
  it('cross-account: the trust policy AND the caller account identity policy must both allow', async () => {
    const em = createEmulator()
    const b = em.createAccount('210987654321')
    const rootB = clients(em, b)
    const role = (
      await rootB.iam.send(
        new CreateRoleCommand({ RoleName: 'Partner', AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCT}:root` }, Action: 'sts:AssumeRole' }]) }),
      )
    ).Role!
    const rootA = clients(em, em.root)
    await rootA.iam.send(new CreateUserCommand({ UserName: 'alice' }))
    const k = (await rootA.iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey!
    const alice = clients(em, { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! })
    const denied = await failure(alice.sts.send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'x-acct' })))
    expect(denied.name).toBe('AccessDenied')
    expect(denied.message).toMatch(/^User: arn:aws:iam::123456789012:user\/alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::210987654321:role\/Partner/)
    await rootA.iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'assume', PolicyDocument: doc([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: role.Arn }]) }))
    const ok = await alice.sts.send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'x-acct' }))
    expect(ok.AssumedRoleUser!.Arn).toBe('arn:aws:sts::210987654321:assumed-role/Partner/x-acct')
    const c = ok.Credentials!
    const who = await clients(em, { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! }).sts.send(new GetCallerIdentityCommand({}))
    expect(who.Account).toBe('210987654321')
  })

  it('session policies limit the session: no more than role AND session policy allow', async () => {
    const em = createEmulator()
    const { alice, role } = await setup(em, trustAlice)
    const sessionPolicy = doc([{ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' }])
    const out = await clients(em, alice).sts.send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'narrow', Policy: sessionPolicy }))
    expect(out.PackedPolicySize).toBeGreaterThan(0)
    const c = out.Credentials!
    const s = clients(em, { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! })
    const f = await failure(s.iam.send(new ListUsersCommand({})))
    expect(f).toEqual({
      name: 'AccessDenied',
      status: 403,
      message: `User: arn:aws:sts::${ACCT}:assumed-role/Reader/narrow is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::${ACCT}:user/ because no session policy allows the iam:ListUsers action`,
    })
    const malformed = await failure(clients(em, alice).sts.send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'bad', Policy: '{not json' })))
    expect(malformed).toMatchObject({ name: 'MalformedPolicyDocumentException', status: 400 })
    const tooMany = await failure(
      clients(em, alice).sts.send(
        new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'many', PolicyArns: Array.from({ length: 11 }, () => ({ arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' })) }),
      ),
    )
    expect(tooMany).toMatchObject({ name: 'ValidationError', status: 400 })
    expect(tooMany.message).toMatch(/at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to 10/)
  })

  it('session tags need sts:TagSession in the trust policy and become aws:PrincipalTag', async () => {
    const em = createEmulator()
    const { alice, role } = await setup(em, trustAlice)
    const sts = clients(em, alice).sts
    const f = await failure(sts.send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'tagged', Tags: [{ Key: 'team', Value: 'blue' }] })))
    expect(f.name).toBe('AccessDenied')
    expect(f.message).toContain('sts:TagSession')
    const root = clients(em, em.root)
    await root.iam.send(
      new CreateRoleCommand({
        RoleName: 'Taggable',
        AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCT}:user/alice` }, Action: ['sts:AssumeRole', 'sts:TagSession'] }]),
      }),
    )
    await root.iam.send(
      new PutRolePolicyCommand({
        RoleName: 'Taggable',
        PolicyName: 'blue-only',
        PolicyDocument: doc([{ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'blue' } } }]),
      }),
    )
    const assume = async (team: string) => {
      const c = (await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCT}:role/Taggable`, RoleSessionName: team, Tags: [{ Key: 'team', Value: team }] }))).Credentials!
      return clients(em, { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! })
    }
    expect((await (await assume('blue')).iam.send(new ListUsersCommand({}))).Users!.map((u) => u.UserName)).toEqual(['alice'])
    expect((await failure((await assume('red')).iam.send(new ListUsersCommand({})))).name).toBe('AccessDenied')
  })
})

// Issue 16 item 10. Texts recorded from AWS: LocalStack tests/aws/services/sts/test_sts.snapshot.json
// (main 8b9a79f, recorded 2025-04-10), test_assume_role_tag_validation and
// test_iam_role_chaining_override_transitive_tags; rule: botocore AssumeRoleRequest.Tags.
describe('session tag keys are case-insensitive (AWS recorded)', () => {
  const taggableTrust = (principal: string) => [{ Effect: 'Allow', Principal: { AWS: principal }, Action: ['sts:AssumeRole', 'sts:TagSession'] }]

  it('refuses keys that differ only in case, and transitive keys not among the tags; matches them in any case', async () => {
    const em = createEmulator()
    const { alice, role } = await setup(em, taggableTrust(`arn:aws:iam::${ACCT}:user/alice`))
    const sts = clients(em, alice).sts
    const dup = await failure(sts.send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'sess', Tags: [{ Key: 'SessionTag1', Value: 'a' }, { Key: 'sessiontag1', Value: 'b' }] })))
    expect(dup).toEqual({ name: 'InvalidParameterValue', status: 400, message: 'Duplicate tag keys found. Please note that Tag keys are case insensitive.' })
    const missing = await failure(sts.send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'sess', Tags: [{ Key: 'SessionTag1', Value: 'a' }], TransitiveTagKeys: ['InvalidKey'] })))
    expect(missing).toEqual({ name: 'InvalidParameterValue', status: 400, message: 'The specified transitive tag key must be included in the requested tags.' })
    const ok = await sts.send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'sess', Tags: [{ Key: 'SessionTag1', Value: 'a' }], TransitiveTagKeys: ['sessiontag1'] }))
    expect(ok.Credentials?.AccessKeyId).toMatch(/^ASIA/)
  })

  it('a chained AssumeRole may not set a tag that an inherited transitive tag already has', async () => {
    const em = createEmulator()
    const { alice, role } = await setup(em, taggableTrust(`arn:aws:iam::${ACCT}:user/alice`))
    const root = clients(em, em.root)
    await root.iam.send(new CreateRoleCommand({ RoleName: 'Second', AssumeRolePolicyDocument: doc(taggableTrust(role.Arn!)) }))
    await root.iam.send(new PutRolePolicyCommand({ RoleName: 'Reader', PolicyName: 'chain', PolicyDocument: doc([{ Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:TagSession'], Resource: '*' }]) }))
    const first = (await clients(em, alice).sts.send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'one', Tags: [{ Key: 'Team', Value: 'blue' }], TransitiveTagKeys: ['Team'] }))).Credentials!
    const chained = clients(em, { accessKeyId: first.AccessKeyId!, secretAccessKey: first.SecretAccessKey!, sessionToken: first.SessionToken! }).sts
    const f = await failure(chained.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCT}:role/Second`, RoleSessionName: 'two', Tags: [{ Key: 'team', Value: 'red' }] })))
    expect(f).toEqual({ name: 'InvalidParameterValue', status: 400, message: "One of the specified transitive tag keys can't be set because it conflicts with a transitive tag key from the calling session." })
  })
})
