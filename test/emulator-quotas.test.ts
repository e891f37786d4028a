import { CreateGroupCommand, CreatePolicyCommand, CreateRoleCommand, CreateUserCommand, GetAccountSummaryCommand, IAMClient } from '@aws-sdk/client-iam'
import { afterEach, describe, expect, it } from 'vitest'
import { createEmulator, EXAMPLE_ROOT_KEY } from '../src/emulator/index.js'
import { clients, doc, failure } from './emulator-helpers.js'
import { runIamflow, type Spawned, spawnIamflow } from './run-cli-helpers.js'

const trust = doc([{ Effect: 'Allow', Principal: { AWS: '123456789012' }, Action: 'sts:AssumeRole' }])
const readS3 = doc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }])
/** The SDK names IAM's modeled wire code `LimitExceeded` `LimitExceededException`. */
const limit = (quota: string) => ({ name: 'LimitExceededException', status: 409, message: `Cannot exceed quota for ${quota}` })

const servers: Spawned[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.child.kill('SIGTERM')
    await s.exit
  }
})

describe('account quotas through the SDK', () => {
  it('EmulatorOptions.quotas sets each quota per account; GetAccountSummary reports them', async () => {
    const em = createEmulator({ quotas: { users: 2, roles: 1, policies: 1, groups: 1 } })
    const { iam } = clients(em, em.root)
    await iam.send(new CreateUserCommand({ UserName: 'a' }))
    await iam.send(new CreateUserCommand({ UserName: 'b' }))
    expect(await failure(iam.send(new CreateUserCommand({ UserName: 'c' })))).toEqual(limit('UsersPerAccount: 2'))
    await iam.send(new CreateRoleCommand({ RoleName: 'r1', AssumeRolePolicyDocument: trust }))
    expect(await failure(iam.send(new CreateRoleCommand({ RoleName: 'r2', AssumeRolePolicyDocument: trust })))).toEqual(limit('RolesPerAccount: 1'))
    await iam.send(new CreatePolicyCommand({ PolicyName: 'p1', PolicyDocument: readS3 }))
    expect(await failure(iam.send(new CreatePolicyCommand({ PolicyName: 'p2', PolicyDocument: readS3 })))).toEqual(limit('PoliciesPerAccount: 1'))
    await iam.send(new CreateGroupCommand({ GroupName: 'g1' }))
    expect(await failure(iam.send(new CreateGroupCommand({ GroupName: 'g2' })))).toEqual(limit('GroupsPerAccount: 1'))

    const summary = (await iam.send(new GetAccountSummaryCommand({}))).SummaryMap!
    expect([summary.Users, summary.UsersQuota, summary.Roles, summary.RolesQuota]).toEqual([2, 2, 1, 1])
    expect([summary.Policies, summary.PoliciesQuota, summary.Groups, summary.GroupsQuota]).toEqual([1, 1, 1, 1])

    // Per account: another account has its own room.
    const other = clients(em, em.createAccount('210987654321')).iam
    await other.send(new CreateUserCommand({ UserName: 'a' }))
    await other.send(new CreateUserCommand({ UserName: 'b' }))
    expect((await failure(other.send(new CreateUserCommand({ UserName: 'c' })))).message).toBe('Cannot exceed quota for UsersPerAccount: 2')
  })

  it("defaults to AWS's quotas", async () => {
    const em = createEmulator()
    const summary = (await clients(em, em.root).iam.send(new GetAccountSummaryCommand({}))).SummaryMap!
    expect([summary.UsersQuota, summary.RolesQuota, summary.PoliciesQuota, summary.GroupsQuota]).toEqual([5000, 1000, 1500, 300])
    expect(() => createEmulator({ quotas: { users: -1 } })).toThrow('quota users must be a non-negative integer, got -1')
  })

  it('iamflow serve --quota name=N sets them; a bad spec is refused', async () => {
    const env = { AWS_ENDPOINT_URL: '', NO_COLOR: '1' }
    const server = spawnIamflow(['serve', '--port', '0', '--quiet', '--quota', 'users=1', '--quota', 'roles=25000'], { env })
    servers.push(server)
    const [, url] = await server.waitFor(/listening on (http:\/\/\S+)/)
    const iam = new IAMClient({ endpoint: url, region: 'us-east-1', maxAttempts: 1, credentials: { accessKeyId: EXAMPLE_ROOT_KEY.accessKeyId, secretAccessKey: EXAMPLE_ROOT_KEY.secretAccessKey } })
    await iam.send(new CreateUserCommand({ UserName: 'only' }))
    expect(await failure(iam.send(new CreateUserCommand({ UserName: 'second' })))).toEqual(limit('UsersPerAccount: 1'))
    expect((await iam.send(new GetAccountSummaryCommand({}))).SummaryMap!.RolesQuota).toBe(25000)
    iam.destroy()

    const bad = await runIamflow(['serve', '--port', '0', '--quota', 'buckets=5'], { env })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain("unknown quota 'buckets' (known: users, roles, policies, groups)")
  })
})
