import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { GetAccountAuthorizationDetailsCommand, GetAccountPasswordPolicyCommand, ListAccountAliasesCommand, ListOpenIDConnectProvidersCommand, ListRolesCommand } from '@aws-sdk/client-iam'
import { GetBucketOwnershipControlsCommand, GetBucketPolicyCommand, GetPublicAccessBlockCommand } from '@aws-sdk/client-s3'
import { afterEach, describe, expect, it } from 'vitest'
import { stateOf } from '../src/emulator/create-emulator.js'
import { createEmulator, EXAMPLE_ROOT_KEY, parseSnapshotText } from '../src/emulator/index.js'
import { takeSnapshot, snapshotText } from '../src/engine/snapshot/take.js'
import { openTarget, type RunTarget } from '../src/engine/targets/targets.js'
import type { RunResult } from '../src/engine/events.js'
import { ScenarioInvalidError } from '../src/scenario/diagnostics.js'
import { loadScenarioText } from '../src/scenario/load.js'
import { runIamflow, spawnIamflow } from './run-cli-helpers.js'
import { cleanTmp, runText, tmp } from './runner-helpers.js'

// Account snapshots (issue 18 item 4): take one through the API, load it into a fresh emulator,
// act as its principals by impersonation; AWS CLI output as input; no secret in a snapshot.
const FIXTURES = 'test/fixtures/snapshots'
const POPULATE = readFileSync(join(FIXTURES, 'populate.yaml'), 'utf8')
const IMPERSONATE = readFileSync(join(FIXTURES, 'impersonate.yaml'), 'utf8')
const AWS_CLI = join(FIXTURES, 'aws-cli-authorization-details.json')

const targets: RunTarget[] = []
afterEach(async () => {
  for (const t of targets.splice(0)) await t.close()
  cleanTmp()
})

async function open(opts: Parameters<typeof openTarget>[0] = {}): Promise<RunTarget> {
  const t = await openTarget(opts)
  targets.push(t)
  return t
}

const iam = (t: RunTarget) => t.factory.clientsFor(t.operator.handle).iam
const s3 = (t: RunTarget) => t.factory.clientsFor(t.operator.handle).s3
const bare = <T extends { $metadata?: unknown }>(out: T) => {
  const { $metadata: _, ...rest } = out
  return rest
}

/** GetAccountAuthorizationDetails, without RoleLastUsed (a snapshot does not keep it). */
async function details(t: RunTarget) {
  const out = bare(await iam(t).send(new GetAccountAuthorizationDetailsCommand({})))
  for (const r of out.RoleDetailList ?? []) delete r.RoleLastUsed
  return out
}

/** A live emulator populated by populate.yaml (kept), and its snapshot written to a file. */
async function liveAndSnapshot(): Promise<{ live: RunTarget; file: string; text: string; populated: RunResult }> {
  const live = await open()
  const { result } = await runText(POPULATE, { target: live, run: { keep: true } })
  expect(result.exitCode).toBe(0)
  const text = snapshotText(await takeSnapshot(live, { now: () => new Date('2026-12-01T00:00:00Z') }))
  const file = join(tmp(), 'account.json')
  writeFileSync(file, text)
  return { live, file, text, populated: result }
}

describe('a snapshot taken through the API and loaded into a fresh emulator', () => {
  it('answers GetAccountAuthorizationDetails exactly as the account it was taken from (RoleLastUsed aside)', async () => {
    const { live, file } = await liveAndSnapshot()
    const copy = await open({ snapshotPath: file })
    expect(copy.info.account).toBe(live.info.account)
    const a = await details(live)
    const b = await details(copy)
    expect(b).toEqual(a)
    // Not vacuous: ids, dates, versions, boundaries, tags, groups and instance profiles are there.
    expect(a.UserDetailList).toHaveLength(1)
    expect(a.UserDetailList![0]).toMatchObject({ UserName: 'dana', Path: '/people/', GroupList: ['devs'], Tags: [{ Key: 'team', Value: 'data' }] })
    expect(a.UserDetailList![0]!.UserId).toMatch(/^AIDA/)
    expect(a.RoleDetailList![0]!.InstanceProfileList!.map((p) => p.InstanceProfileName)).toEqual(['app-profile'])
    expect(a.Policies!.find((p) => p.PolicyName === 'reader')!.PolicyVersionList!.map((v) => v.VersionId)).toEqual(['v1', 'v2'])
    expect(a.Policies!.map((p) => p.Arn)).toContain('arn:aws:iam::aws:policy/IAMReadOnlyAccess')
  })

  it('keeps what GetAccountAuthorizationDetails lacks: maximum session, description, buckets, providers, password policy, alias', async () => {
    const { live, file } = await liveAndSnapshot()
    const copy = await open({ snapshotPath: file })
    for (const t of [live, copy]) expect(t.info.account).toBe(live.info.account)
    const pick = async (t: RunTarget) => ({
      roles: (await iam(t).send(new ListRolesCommand({}))).Roles!.map((r) => ({ n: r.RoleName, m: r.MaxSessionDuration, d: r.Description, id: r.RoleId, c: r.CreateDate })),
      policy: (await s3(t).send(new GetBucketPolicyCommand({ Bucket: 'snapshot-lab-data' }))).Policy,
      bpa: bare(await s3(t).send(new GetPublicAccessBlockCommand({ Bucket: 'snapshot-lab-data' }))),
      ownership: bare(await s3(t).send(new GetBucketOwnershipControlsCommand({ Bucket: 'snapshot-lab-data' }))),
      passwords: bare(await iam(t).send(new GetAccountPasswordPolicyCommand({}))),
      oidc: bare(await iam(t).send(new ListOpenIDConnectProvidersCommand({}))),
      alias: bare(await iam(t).send(new ListAccountAliasesCommand({}))),
    })
    const a = await pick(live)
    expect(await pick(copy)).toEqual(a)
    expect(a.roles).toEqual([expect.objectContaining({ n: 'app', m: 10800, d: "the app's role" })])
    expect(a.bpa.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, IgnorePublicAcls: false, BlockPublicPolicy: true, RestrictPublicBuckets: false })
    expect(a.alias.AccountAliases).toEqual(['snapshot-lab'])
  })

  it('holds no secret: no access key id or secret, no password, no session', async () => {
    const { live, text } = await liveAndSnapshot()
    const keys = [...stateOf(live.emulator!)!.accessKeys.values()]
    expect(keys.filter((k) => k.userName === 'dana')).toHaveLength(1)
    for (const k of keys) {
      expect(text).not.toContain(k.id)
      expect(text).not.toContain(k.secret)
    }
    expect(text).not.toContain('Snapshot-Secret-Passw0rd!')
    expect(text).not.toMatch(/(AKIA|ASIA)[A-Z0-9]{16}/)
    expect(text).not.toMatch(/"(SecretAccessKey|Password|LoginProfile|SessionToken|AccessKeyId|AccessKeyMetadata)"|PRIVATE KEY/)
  })

  it('answers a scenario with impersonated principals exactly as the live emulator does', async () => {
    const { live, file } = await liveAndSnapshot()
    const copy = await open({ snapshotPath: file })
    const brief = (r: RunResult) => r.steps.map((s) => ({ id: s.id, status: s.status, observed: { ...s.observed, message: undefined } }))
    const onLive = (await runText(IMPERSONATE, { target: live })).result
    const onCopy = (await runText(IMPERSONATE, { target: copy })).result
    expect(onCopy.exitCode).toBe(0)
    expect(brief(onCopy)).toEqual(brief(onLive))
    expect(onLive.steps.filter((s) => s.status === 'passed')).toHaveLength(10)
    // Teardown undid the object app wrote, and nothing of the snapshot.
    const inv = copy.emulator!.inventory()
    expect(inv.users).toEqual(['dana'])
    expect(inv.roles).toEqual(['app'])
    expect(inv.buckets).toEqual(['snapshot-lab-data'])
    expect(inv.objects).toEqual([])
  })
})

describe("the AWS CLI's own get-account-authorization-details output", () => {
  it("is read as a snapshot of the account its ARNs name, in AWS's documented shape", () => {
    const snap = parseSnapshotText(readFileSync(AWS_CLI, 'utf8'), AWS_CLI)
    expect(snap).toMatchObject({ AccountId: '123456789012', Source: 'aws-cli', Buckets: [], Unreadable: [] })
    expect(snap.Users.map((u) => [u.UserName, u.Groups])).toEqual([['Alice', ['Admins']], ['Bob', ['Admins']], ['Charlie', ['Dev-Ops']]])
    expect(snap.Groups.map((g) => g.AttachedPolicies)).toEqual([['arn:aws:iam::aws:policy/AdministratorAccess'], ['arn:aws:iam::aws:policy/PowerUserAccess']])
    expect(snap.Roles[0]).toMatchObject({ RoleName: 'EC2role', MaxSessionDuration: 3600, InstanceProfiles: [{ InstanceProfileName: 'EC2role', InstanceProfileId: 'AIPA1234567890EXAMPLE' }] })
    expect(JSON.parse(snap.Users[1]!.InlinePolicies[0]!.PolicyDocument)).toEqual({ Version: '2012-10-17', Statement: { Effect: 'Deny', Action: ['aws-portal:*', 'iam:*'], Resource: '*' } })
    expect(snap.Policies.map((p) => p.Arn)).toEqual(['arn:aws:iam::123456789012:policy/create-update-delete-set-managed-policies'])
    expect(snap.AwsManagedPolicies.map((p) => [p.Arn, p.DefaultVersionId])).toEqual([['arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess', 'v2']])
  })

  it('an AWS managed policy the snapshot carries is known to the account it seeded only, never to the process', async () => {
    const { GetPolicyCommand } = await import('@aws-sdk/client-iam')
    const { getAwsManagedPolicy } = await import('../src/emulator/index.js')
    const sqs = 'arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess'
    const seeded = await open({ snapshotPath: AWS_CLI })
    const fresh = await open()
    const policyOf = (t: RunTarget) => iam(t).send(new GetPolicyCommand({ PolicyArn: sqs })).then((r) => r.Policy?.DefaultVersionId, (e: Error) => e.name)
    expect(await policyOf(seeded)).toBe('v2')
    expect(await policyOf(fresh)).toBe('NoSuchEntityException')
    expect(getAwsManagedPolicy(sqs)).toBeUndefined()
  })

  it('loads: the emulator answers its users, groups, roles and policies with their ids and dates, and acts as them', async () => {
    const copy = await open({ snapshotPath: AWS_CLI })
    expect(copy.info.account).toBe('123456789012')
    const d = await details(copy)
    expect(d.UserDetailList!.map((u) => [u.UserName, u.UserId, u.CreateDate?.toISOString(), u.GroupList])).toEqual([
      ['Alice', 'AIDA1234567890EXAMPLE', '2013-10-14T18:32:24.000Z', ['Admins']],
      ['Bob', 'AIDA1234567890EXAMPLE', '2013-10-14T18:32:25.000Z', ['Admins']],
      ['Charlie', 'AIDA1234567890EXAMPLE', '2013-10-14T18:33:56.000Z', ['Dev-Ops']],
    ])
    expect(d.RoleDetailList!.map((r) => [r.RoleId, r.InstanceProfileList!.map((p) => p.Arn), r.AttachedManagedPolicies!.map((p) => p.PolicyName)])).toEqual([
      ['AROA1234567890EXAMPLE', ['arn:aws:iam::123456789012:instance-profile/EC2role'], ['AmazonS3FullAccess', 'AmazonSQSReadOnlyAccess']],
    ])
    const scenario = [
      'name: aws-cli-snapshot',
      'requires: emulator',
      'identities:',
      '  ec2: { impersonate: "arn:aws:iam::123456789012:role/EC2role" }',
      '  bob: { impersonate: "arn:aws:iam::123456789012:user/Bob" }',
      '  charlie: { impersonate: "arn:aws:iam::123456789012:user/Charlie" }',
      'steps:',
      '  - { id: ec2-lists-buckets, action: s3.listBuckets, as: ec2 }',
      '  - { id: ec2-no-iam, action: iam.listUsers, as: ec2, expect: { error: AccessDenied, because: implicitDeny } }',
      '  - { id: bob-admin-but-denied-iam, action: iam.listUsers, as: bob, expect: { error: AccessDenied, because: explicitDeny } }',
      '  - { id: bob-admin-s3, action: s3.listBuckets, as: bob }',
      '  - { id: charlie-devops-everything, action: iam.listUsers, as: charlie }',
    ].join('\n')
    const { result } = await runText(scenario, { target: copy })
    expect(result.steps.map((s) => [s.id, s.status])).toEqual([
      ['ec2-lists-buckets', 'passed'],
      ['ec2-no-iam', 'passed'],
      ['bob-admin-but-denied-iam', 'passed'],
      ['bob-admin-s3', 'passed'],
      ['charlie-devops-everything', 'passed'],
    ])
  })
})

describe('bad snapshot files are clear errors (bad-snapshot, exit 2), never a stack trace', () => {
  const own = (extra: Record<string, unknown>) => JSON.stringify({ format: 'iamflow-account-snapshot', version: 1, AccountId: '111122223333', Source: 'aws', ...extra })
  const user = { UserName: 'u', UserId: 'AIDAEXAMPLEUSER000001', Arn: 'arn:aws:iam::111122223333:user/u', Path: '/', CreateDate: '2024-01-01T00:00:00Z' }
  const cases: Array<[string, string, string]> = [
    ['not JSON', '{"format": ', 'f.json: the document is not JSON'],
    ['neither shape', '{"Users": []}', 'f.json: $ is neither an iamflow snapshot (format: iamflow-account-snapshot) nor the output of aws iam get-account-authorization-details'],
    ['another format', JSON.stringify({ format: 'other' }), 'f.json: $.format is "other", not iamflow-account-snapshot'],
    ['a later version', JSON.stringify({ format: 'iamflow-account-snapshot', version: 2 }), 'f.json: $.version is 2: this iamflow reads version 1'],
    ['a missing member', own({ Users: [{ ...user, UserName: undefined }] }), 'f.json: $.Users[0].UserName is missing'],
    ['an ARN of another account', own({ Users: [{ ...user, Arn: 'arn:aws:iam::444455556666:user/u' }] }), 'f.json: $.Users[0].Arn is arn:aws:iam::444455556666:user/u, not the ARN of user u in account 111122223333'],
    ['a group it does not hold', own({ Users: [{ ...user, Groups: ['ops'] }] }), 'f.json: $.Users[0].Groups[0] names group ops, which the snapshot does not hold'],
    ['a user twice', own({ Users: [user, { ...user, UserName: 'U', Arn: 'arn:aws:iam::111122223333:user/U', UserId: 'AIDAEXAMPLEUSER000002' }] }), 'f.json: $.Users[1] names user U twice (IAM names are unique, ignoring case)'],
    ['too many users', own({ Users: Array.from({ length: 10_001 }, () => ({})) }), 'f.json: $.Users has 10001 entries, more than the 10000 a snapshot may hold'],
    ['a bad document', own({ Users: [{ ...user, InlinePolicies: [{ PolicyName: 'p', PolicyDocument: 'not a policy' }] }] }), 'f.json: $.Users[0].InlinePolicies[0].PolicyDocument is not a JSON policy document'],
    ['a SAML private key', own({ SAMLProviders: [{ Arn: 'arn:aws:iam::111122223333:saml-provider/idp', SAMLMetadataDocument: '-----BEGIN PRIVATE KEY-----', CreateDate: '2024-01-01T00:00:00Z' }] }), 'f.json: $.SAMLProviders[0].SAMLMetadataDocument holds a private key: a snapshot never holds secrets'],
  ]
  for (const [what, text, message] of cases) {
    it(what, () => {
      expect(() => parseSnapshotText(text, 'f.json')).toThrow(expect.objectContaining({ code: 'bad-snapshot', exitCode: 2, message: expect.stringContaining(message) }))
    })
  }

  it('a key from the file never becomes a property of an ordinary object', () => {
    const text = own({ __proto__: { polluted: 1 }, Users: [{ ...user, Tags: [{ Key: '__proto__', Value: 'x' }], constructor: { prototype: { polluted: 1 } } }] }).replace('"Source"', '"__proto__":{"polluted":1},"Source"')
    const snap = parseSnapshotText(text, 'f.json')
    expect(({} as { polluted?: number }).polluted).toBeUndefined()
    expect(Object.hasOwn(snap, 'polluted')).toBe(false)
    expect(snap.Users[0]!.Tags).toEqual([{ Key: '__proto__', Value: 'x' }])
    expect(Object.keys(snap.Users[0]!)).not.toContain('constructor')
  })

  it('a policy the snapshot does not hold, and one the emulator does not know, stop the load', () => {
    const seed = (extra: Record<string, unknown>) => () => createEmulator({ seed: { snapshot: parseSnapshotText(own(extra), 'f.json'), file: 'f.json' } })
    expect(seed({ Users: [{ ...user, AttachedPolicies: ['arn:aws:iam::111122223333:policy/gone'] }] })).toThrow(
      expect.objectContaining({ code: 'bad-snapshot', message: 'f.json: user u uses the policy arn:aws:iam::111122223333:policy/gone, which the snapshot does not hold (account 111122223333)' }),
    )
    expect(seed({ Users: [{ ...user, AttachedPolicies: ['arn:aws:iam::aws:policy/NoSuchManagedPolicyEver'] }] })).toThrow(expect.objectContaining({ code: 'bad-snapshot', message: expect.stringContaining('uses the AWS managed policy arn:aws:iam::aws:policy/NoSuchManagedPolicyEver, which neither the snapshot') }))
  })

  it('a pinned account that is not the snapshot\'s is snapshot-conflict', () => {
    expect(() => createEmulator({ accountId: '123456789012', seed: { snapshot: parseSnapshotText(own({}), 'f.json'), file: 'f.json' } })).toThrow(
      expect.objectContaining({ code: 'snapshot-conflict', message: 'f.json is a snapshot of account 111122223333, not of 123456789012' }),
    )
  })
})

describe('emulator only: snapshot: and impersonate:', () => {
  it('need requires: emulator (undeclared-emulator-only), and exactly one of assume and impersonate', () => {
    const text = ['name: x', 'snapshot: snap.json', 'identities:', '  a: { impersonate: "arn:aws:iam::123456789012:role/r" }', '  b: { impersonate: "arn:aws:iam::123456789012:role/r", assume: "arn:aws:iam::123456789012:role/r" }', '  c: { impersonate: "arn:aws:iam::123456789012:role/r", from: a }', 'steps:', '  - { action: sts.getCallerIdentity, as: a }'].join('\n')
    let err: ScenarioInvalidError | undefined
    try {
      loadScenarioText(text, 'x.yaml')
    } catch (e) {
      err = e as ScenarioInvalidError
    }
    expect(err).toBeInstanceOf(ScenarioInvalidError)
    expect(err!.errors.map((e) => [e.code, e.message])).toEqual([
      ['undeclared-emulator-only', 'snapshot: loads the account into the iamflow emulator, but the scenario does not say it runs only there'],
      ['undeclared-emulator-only', 'identity a impersonates a principal, which only the iamflow emulator can do, but the scenario does not say so'],
      ['schema', 'identity b needs exactly one of assume: (a role to assume) and impersonate: (a principal to act as, emulator only)'],
      ['undeclared-emulator-only', 'identity c impersonates a principal, which only the iamflow emulator can do, but the scenario does not say so'],
      ['schema', 'identity c: from: does not apply to impersonate: (the emulator makes the session itself)'],
    ])
  })

  it('--target aws refuses the lab before any call; run --snapshot on AWS too; a missing snapshot file is bad-snapshot', async () => {
    const cwd = tmp()
    // No credentials and an unreachable endpoint: a refusal that came after a call would say so instead.
    const env = { NO_COLOR: '1', AWS_ENDPOINT_URL: '', AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: 'iamflow-no-such-profile', AWS_EC2_METADATA_DISABLED: 'true' }
    const lab = resolve('scenarios/snapshot-ci-role.yaml')
    const aws = await runIamflow(['run', lab, '--target', 'aws', '--account', '111122223333'], { cwd, env })
    expect(aws.code).toBe(2)
    expect(aws.stderr).toContain(`error [emulator-only]: ${lab} requires the iamflow emulator (requires: emulator) and cannot run against real AWS`)
    const flag = await runIamflow(['run', resolve('scenarios/assume-role.yaml'), '--target', 'aws', '--account', '111122223333', '--snapshot', resolve('scenarios/snapshots/example-account.json')], { cwd, env })
    expect(flag.code).toBe(2)
    expect(flag.stderr).toContain('error [emulator-only]: the account snapshot')
    const missing = await runIamflow(['run', resolve('scenarios/assume-role.yaml'), '--snapshot', 'nope.json'], { cwd, env })
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain(`error [bad-snapshot]: cannot read the snapshot ${join(cwd, 'nope.json')}: ENOENT`)
    expect(missing.stderr).not.toMatch(/\n\s+at /)
    const serve = await runIamflow(['serve', '--port', '0', '--import', AWS_CLI.replace('authorization', 'no-such')], { cwd: process.cwd(), env })
    expect(serve.code).toBe(2)
    expect(serve.stderr).toContain('error [bad-snapshot]: cannot read the snapshot')
  }, 60_000)

  it('IamflowImpersonate: only the root of the principal\'s account may ask', async () => {
    const t = await open({ snapshotPath: AWS_CLI })
    const { result } = await runText(
      ['name: x', 'requires: emulator', 'identities:', '  ec2: { impersonate: "arn:aws:iam::123456789012:role/EC2role" }', '  nobody: { impersonate: "arn:aws:iam::123456789012:role/NoSuchRole" }', 'steps:', '  - { id: ok, action: sts.getCallerIdentity, as: ec2 }', '  - { id: missing, action: sts.getCallerIdentity, as: nobody }'].join('\n'),
      { target: t },
    )
    expect(result.steps.map((s) => [s.id, s.status])).toEqual([['ok', 'passed'], ['missing', 'failed']])
    expect(result.steps[1]!.reason).toContain('could not impersonate arn:aws:iam::123456789012:role/NoSuchRole as identity nobody: NoSuchEntity: The role arn:aws:iam::123456789012:role/NoSuchRole does not exist.')
    expect(EXAMPLE_ROOT_KEY.accessKeyId).toMatch(/^AKIA/)
  })
})

describe('iamflow snapshot (the command)', () => {
  it('reads iamflow serve --import into a file that loads again; without a target it is bad-target', async () => {
    const cwd = tmp()
    const env = { NO_COLOR: '1', AWS_ENDPOINT_URL: '', AWS_ACCESS_KEY_ID: EXAMPLE_ROOT_KEY.accessKeyId, AWS_SECRET_ACCESS_KEY: EXAMPLE_ROOT_KEY.secretAccessKey, AWS_REGION: 'us-east-1' }
    const none = await runIamflow(['snapshot', '--output', join(cwd, 'x.json')], { cwd, env })
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('error [bad-target]: iamflow snapshot needs an account to read')
    const example = resolve('scenarios/snapshots/example-account.json')
    const server = spawnIamflow(['serve', '--port', '0', '--quiet', '--import', example], { cwd, env })
    try {
      const [, url] = await server.waitFor(/listening on (http:\/\/\S+)/)
      const out = join(cwd, 'taken.json')
      const run = await runIamflow(['snapshot', '--endpoint-url', url!, '--output', out], { cwd, env })
      expect(run.code, run.stderr).toBe(0)
      expect(run.stdout).toBe(`snapshot of account 111122223333 (endpoint): 1 users, 1 groups, 2 roles, 2 customer managed policies (+1 AWS managed in use), 2 buckets, 1 OIDC and 0 SAML providers -> ${out}\n`)
      const taken = parseSnapshotText(readFileSync(out, 'utf8'), out)
      const original = parseSnapshotText(readFileSync(example, 'utf8'), example)
      expect(taken.Source).toBe('endpoint')
      // The same account, documents compared as JSON (the example writes them as objects), dates as instants.
      const norm = (x: typeof taken) => JSON.parse(JSON.stringify({ ...x, TakenAt: undefined, Source: undefined, AwsManagedPolicies: undefined }), (k, v) => (typeof v === 'string' && /Document|Policy$/.test(k) && v.startsWith('{') ? JSON.parse(v) : typeof v === 'string' && /Date$/.test(k) ? Date.parse(v) : v))
      expect(norm(taken)).toEqual(norm(original))
      expect(taken.AwsManagedPolicies.map((p) => p.Arn)).toEqual(['arn:aws:iam::aws:policy/ReadOnlyAccess'])
    } finally {
      server.child.kill('SIGTERM')
      await server.exit
    }
  }, 120_000)
})
