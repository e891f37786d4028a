import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, GetAccessKeyLastUsedCommand, GetRoleCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam'
import { ListBucketsCommand } from '@aws-sdk/client-s3'
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts'
import { describe, expect, it } from 'vitest'
import { createEmulator } from '../src/emulator/index.js'
import { clients, doc, failure, type Creds } from './emulator-helpers.js'

const ACCT = '123456789012'
const minute = (ms: number) => new Date(ms - (ms % 60_000))

/** An emulator on a clock a test can move (the SDK signs with real time: stay within 15 minutes). */
function setup() {
  const clock = { t: Date.now(), now: () => clock.t }
  const em = createEmulator({ clock })
  return { em, clock, root: clients(em, em.root) }
}

async function userWithKey(root: ReturnType<typeof clients>, name: string): Promise<Creds> {
  await root.iam.send(new CreateUserCommand({ UserName: name }))
  const key = (await root.iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!
  return { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! }
}

describe('last-used data', () => {
  it('GetAccessKeyLastUsed reports the service and region of the last request signed with the key, to the minute', async () => {
    const { em, clock, root } = setup()
    const alice = await userWithKey(root, 'alice')
    const lastUsed = async () => (await root.iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: alice.accessKeyId }))).AccessKeyLastUsed
    expect(await lastUsed()).toEqual({ ServiceName: 'N/A', Region: 'N/A' })

    // Denied by IAM (no policy), but the key authenticated: it counts as used.
    await clients(em, alice, { region: 'eu-west-1' }).s3.send(new ListBucketsCommand({})).catch(() => undefined)
    expect(await lastUsed()).toEqual({ LastUsedDate: minute(clock.t), ServiceName: 's3', Region: 'eu-west-1' })

    clock.t += 3 * 60_000
    await clients(em, alice, { region: 'ap-south-1' }).sts.send(new GetCallerIdentityCommand({}))
    expect(await lastUsed()).toEqual({ LastUsedDate: minute(clock.t), ServiceName: 'sts', Region: 'ap-south-1' })

    // A request that fails authentication (wrong secret) is not a use of the key.
    clock.t += 2 * 60_000
    const forged = { ...alice, secretAccessKey: 'x'.repeat(40) }
    expect((await failure(clients(em, forged).sts.send(new GetCallerIdentityCommand({})))).name).toBe('SignatureDoesNotMatch')
    expect((await lastUsed())!.LastUsedDate).toEqual(minute(clock.t - 2 * 60_000))

    // The root's own key is tracked too: the root just called IAM.
    const rootUse = (await root.iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: em.root.accessKeyId }))).AccessKeyLastUsed
    expect(rootUse).toEqual({ LastUsedDate: minute(clock.t), ServiceName: 'iam', Region: 'us-east-1' })
  })

  it('GetRole reports when and where the role last made a request through one of its sessions', async () => {
    const { em, clock, root } = setup()
    const alice = await userWithKey(root, 'alice')
    const trust = doc([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCT}:user/alice` }, Action: 'sts:AssumeRole' }])
    const role = (await root.iam.send(new CreateRoleCommand({ RoleName: 'Reader', AssumeRolePolicyDocument: trust }))).Role!
    await root.iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'p', PolicyDocument: doc([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: role.Arn }]) }))
    const roleLastUsed = async () => (await root.iam.send(new GetRoleCommand({ RoleName: 'Reader' }))).Role!.RoleLastUsed

    const c = (await clients(em, alice).sts.send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'lab' }))).Credentials!
    // Assuming the role uses alice's key, not the role's credentials.
    expect(await roleLastUsed()).toEqual({})

    clock.t += 4 * 60_000
    const session: Creds = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! }
    await clients(em, session, { region: 'eu-central-1' }).sts.send(new GetCallerIdentityCommand({}))
    expect(await roleLastUsed()).toEqual({ LastUsedDate: minute(clock.t), Region: 'eu-central-1' })
  })
})
