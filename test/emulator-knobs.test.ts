import { createHash } from 'node:crypto'
import { AttachUserPolicyCommand, CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, ListGroupsCommand, ListUsersCommand, PutUserPolicyCommand, UpdateAssumeRolePolicyCommand } from '@aws-sdk/client-iam'
import { CreateBucketCommand, GetObjectCommand, ListBucketsCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts'
import { mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createEmulator, DECISION_HEADER, parseFaultSpec } from '../src/emulator/index.js'
import { clients, doc, failure } from './emulator-helpers.js'
import { FORM, form, signedRequest } from './emulator-signing.js'

describe('emulator knobs', () => {
  it('consistency delay: new roles/trust and attachments take effect only after the delay, with AWS error signatures', async () => {
    let now = Date.now()
    const em = createEmulator({ consistencyDelayMs: 10_000, clock: { now: () => now } })
    const root = clients(em, em.root)
    await root.iam.send(new CreateUserCommand({ UserName: 'dev' }))
    const k = (await root.iam.send(new CreateAccessKeyCommand({ UserName: 'dev' }))).AccessKey!
    const role = (
      await root.iam.send(
        new CreateRoleCommand({ RoleName: 'Fresh', AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:user/dev' }, Action: 'sts:AssumeRole' }]) }),
      )
    ).Role!
    // The SDK signs with the real clock; keep the emulator within the skew window.
    const dev = clients(em, { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! })
    expect(await failure(dev.sts.send(new GetCallerIdentityCommand({})))).toMatchObject({ name: 'InvalidClientTokenId', status: 403 })
    now += 10_000
    expect((await dev.sts.send(new GetCallerIdentityCommand({}))).Arn).toBe('arn:aws:iam::123456789012:user/dev')
    await root.iam.send(new AttachUserPolicyCommand({ UserName: 'dev', PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }))
    // Role created 10 s ago: trust is effective now; the attachment is not yet.
    expect((await dev.sts.send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'ok' }))).AssumedRoleUser!.Arn).toContain('assumed-role/Fresh/ok')
    expect(await failure(dev.iam.send(new ListUsersCommand({})))).toMatchObject({ name: 'AccessDenied', status: 403 })
    now += 10_000
    expect((await dev.iam.send(new ListUsersCommand({}))).Users!.map((u) => u.UserName)).toEqual(['dev'])
  })

  // Issue 16 item 17. IAM is eventually consistent (IAM User Guide, troubleshoot_general:
  // "Changes that I make are not always immediately visible"); each replica serves a committed
  // version, so a replaced inline policy is the old or the new document, never neither
  // (believed, not documented: docs/fidelity.md).
  it('consistency delay: replacing an inline policy keeps the old document until the new one applies', async () => {
    let now = Date.now()
    const em = createEmulator({ consistencyDelayMs: 10_000, clock: { now: () => now } })
    const root = clients(em, em.root)
    await root.iam.send(new CreateUserCommand({ UserName: 'dev' }))
    const k = (await root.iam.send(new CreateAccessKeyCommand({ UserName: 'dev' }))).AccessKey!
    const put = (actions: string[]) => root.iam.send(new PutUserPolicyCommand({ UserName: 'dev', PolicyName: 'p', PolicyDocument: doc([{ Effect: 'Allow', Action: actions, Resource: '*' }]) }))
    await put(['iam:ListUsers'])
    now += 10_000
    const dev = clients(em, { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! })
    expect((await dev.iam.send(new ListUsersCommand({}))).Users).toHaveLength(1)
    await put(['iam:ListUsers', 'iam:ListGroups'])
    now += 5_000
    // Within the window: the old document (ListUsers) still applies; the new grant is not yet seen.
    expect((await dev.iam.send(new ListUsersCommand({}))).Users).toHaveLength(1)
    expect(await failure(dev.iam.send(new ListGroupsCommand({})))).toMatchObject({ name: 'AccessDenied' })
    // A second replacement inside the window still serves the last effective document.
    await put(['iam:ListGroups'])
    expect((await dev.iam.send(new ListUsersCommand({}))).Users).toHaveLength(1)
    now += 10_000
    expect((await dev.iam.send(new ListGroupsCommand({}))).Groups).toEqual([])
    expect(await failure(dev.iam.send(new ListUsersCommand({})))).toMatchObject({ name: 'AccessDenied' })
  })

  it('consistency delay: UpdateAssumeRolePolicy keeps the old trust policy until the new one applies', async () => {
    let now = Date.now()
    const em = createEmulator({ consistencyDelayMs: 10_000, clock: { now: () => now } })
    const root = clients(em, em.root)
    await root.iam.send(new CreateUserCommand({ UserName: 'dev' }))
    const k = (await root.iam.send(new CreateAccessKeyCommand({ UserName: 'dev' }))).AccessKey!
    const trustDev = doc([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:user/dev' }, Action: 'sts:AssumeRole' }])
    const role = (await root.iam.send(new CreateRoleCommand({ RoleName: 'R', AssumeRolePolicyDocument: trustDev }))).Role!
    now += 10_000
    const dev = clients(em, { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! })
    const trustBoth = doc([{ Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::123456789012:user/dev', 'arn:aws:iam::123456789012:root'] }, Action: 'sts:AssumeRole' }])
    await root.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'R', PolicyDocument: trustBoth }))
    now += 5_000
    // Both documents let dev in: during the window one of them applies, never none.
    expect((await dev.sts.send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'mid' }))).AssumedRoleUser!.Arn).toContain('assumed-role/R/mid')
  })

  it('fault injection: seeded, per service and operation, with AWS codes', async () => {
    const em = createEmulator({ faults: { seed: 3, throttle: 1, services: ['sts'] } })
    const { sts, s3 } = clients(em, em.root)
    expect(await failure(sts.send(new GetCallerIdentityCommand({})))).toEqual({ name: 'Throttling', status: 400, message: 'Rate exceeded' })
    expect((await s3.send(new ListBucketsCommand({}))).Buckets ?? []).toEqual([])
    const s3em = createEmulator({ faults: { seed: 3, throttle: 1, services: ['s3'] } })
    expect(await failure(clients(s3em, s3em.root).s3.send(new ListBucketsCommand({})))).toMatchObject({ name: 'SlowDown', status: 503 })
    const forced = createEmulator({ faults: { operations: ['CreateRole'], code: 'LimitExceeded' } })
    const f = await failure(clients(forced, forced.root).iam.send(new CreateRoleCommand({ RoleName: 'x', AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }]) })))
    expect(f).toMatchObject({ name: 'LimitExceededException', status: 409 }) // the SDK's modelled class for wire code LimitExceeded
    // Same seed, same sequence.
    const pattern = async (seed: number) => {
      const e = createEmulator({ faults: { seed, throttle: 0.5 } })
      const out: number[] = []
      for (let i = 0; i < 20; i++) out.push((await e.handle(await signedRequest({ service: 'sts', body: form('GetCallerIdentity', '2011-06-15'), headers: FORM, creds: e.root }))).status)
      return out
    }
    const a = await pattern(42)
    expect(await pattern(42)).toEqual(a)
    expect(a.filter((s) => s === 400).length).toBeGreaterThan(3)
    expect(a.filter((s) => s === 200).length).toBeGreaterThan(3)
    expect(parseFaultSpec('throttle=0.2,internal=0.05,seed=7,services=iam+sts,operations=CreateRole+AttachRolePolicy,code=LimitExceeded')).toEqual({
      throttle: 0.2,
      internal: 0.05,
      seed: 7,
      services: ['iam', 'sts'],
      operations: ['CreateRole', 'AttachRolePolicy'],
      code: 'LimitExceeded',
    })
    expect(() => parseFaultSpec('throttle=2')).toThrow(/bad throttle/)
  })

  it('persistence: state (users, keys, sessions, buckets, object bytes) survives a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamflow-state-'))
    const statePath = join(dir, 'state.json')
    const em = createEmulator({ statePath, extraAccounts: 1 })
    const root = clients(em, em.root)
    await root.iam.send(new CreateUserCommand({ UserName: 'kept' }))
    const k = (await root.iam.send(new CreateAccessKeyCommand({ UserName: 'kept' }))).AccessKey!
    await root.s3.send(new CreateBucketCommand({ Bucket: 'kept-bucket' }))
    const bytes = new Uint8Array([0, 1, 2, 250, 255])
    await root.s3.send(new PutObjectCommand({ Bucket: 'kept-bucket', Key: 'bin', Body: bytes }))
    await em.save()
    expect(statSync(statePath).mode & 0o777).toBe(0o600)
    // NDJSON: a header line, one line per unit; the body is a file named by its sha256.
    const lines = readFileSync(statePath, 'utf8').trimEnd().split('\n')
    expect(JSON.parse(lines[0]!)).toMatchObject({ format: 'iamflow-emulator-state', version: 2 })
    expect(JSON.parse(lines.at(-1)!)).toEqual({ end: true, units: lines.length - 2 })
    const sha = createHash('sha256').update(bytes).digest('hex')
    expect([...readFileSync(join(`${statePath}.objects`, sha))]).toEqual([...bytes])
    const again = createEmulator({ statePath })
    expect(again.accounts().map((a) => a.accountId)).toEqual(em.accounts().map((a) => a.accountId))
    expect(again.inventory()).toEqual(em.inventory())
    const user = clients(again, { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! })
    expect((await user.sts.send(new GetCallerIdentityCommand({}))).Arn).toBe('arn:aws:iam::123456789012:user/kept')
    const got = await clients(again, again.root).s3.send(new GetObjectCommand({ Bucket: 'kept-bucket', Key: 'bin' }))
    expect([...(await got.Body!.transformToByteArray())]).toEqual([...bytes])
  })

  it('persistence: a state-changing request is journaled before it is answered, without save() (a killed server loses nothing)', async () => {
    const statePath = join(mkdtempSync(join(tmpdir(), 'iamflow-autosave-')), 'state.json')
    const em = createEmulator({ statePath })
    await clients(em, em.root).iam.send(new CreateUserCommand({ UserName: 'autosaved' }))
    expect(createEmulator({ statePath }).inventory().users).toEqual(['autosaved'])
  })

  it('accounts: default root key is AWS example key; createAccount gives each account its own root', async () => {
    const em = createEmulator()
    expect(em.root).toEqual({ accountId: '123456789012', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' })
    const other = em.createAccount('111122223333')
    expect(other.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/)
    expect(other.secretAccessKey).toHaveLength(40)
    expect((await clients(em, other).sts.send(new GetCallerIdentityCommand({}))).Arn).toBe('arn:aws:iam::111122223333:root')
    expect(em.accounts().map((a) => a.accountId)).toEqual(['123456789012', '111122223333'])
    expect(() => em.createAccount('111122223333')).toThrow(/already exists/)
    const custom = createEmulator({ accountId: '000000000001', rootAccessKeyId: 'AKIACUSTOMCUSTOM2345', rootSecretAccessKey: 's'.repeat(40) })
    expect((await clients(custom, custom.root).sts.send(new GetCallerIdentityCommand({}))).Account).toBe('000000000001')
  })

  it('the decision header travels with authorized responses, allowed or denied, without secrets', async () => {
    const em = createEmulator()
    const root = clients(em, em.root)
    await root.iam.send(new CreateUserCommand({ UserName: 'hd' }))
    const k = (await root.iam.send(new CreateAccessKeyCommand({ UserName: 'hd' }))).AccessKey!
    const denied = await em.handle(await signedRequest({ service: 'iam', body: form('ListUsers', '2010-05-08'), headers: FORM, creds: { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! } }))
    expect(denied.status).toBe(403)
    const header = JSON.parse(denied.headers.get(DECISION_HEADER)!)
    expect(header).toMatchObject({ decision: 'ImplicitDeny', by: 'identity', matched: [] })
    expect(typeof header.summary).toBe('string')
    await root.iam.send(new AttachUserPolicyCommand({ UserName: 'hd', PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }))
    const allowed = await em.handle(await signedRequest({ service: 'iam', body: form('ListUsers', '2010-05-08'), headers: FORM, creds: { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! } }))
    expect(allowed.status).toBe(200)
    const h2 = JSON.parse(allowed.headers.get(DECISION_HEADER)!)
    expect(h2).toMatchObject({ decision: 'Allowed', by: 'identity', matched: [{ policy: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess', index: 0 }] })
    expect(allowed.headers.get(DECISION_HEADER)).not.toContain(k.SecretAccessKey!)
  })
})
