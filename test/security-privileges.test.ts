import { AttachGroupPolicyCommand, AttachRolePolicyCommand, AttachUserPolicyCommand, CreateAccessKeyCommand, CreateGroupCommand, CreatePolicyCommand, CreateRoleCommand, CreateUserCommand, PutRolePermissionsBoundaryCommand, PutUserPermissionsBoundaryCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam'
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import { AssumeRoleCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts'
import { beforeEach, describe, expect, it } from 'vitest'
import type { AwsClients } from '../src/actions/define-action.js'
import { checkedActions } from '../src/actions/registry.js'
import { sampleInput } from '../src/actions/testing/samples.js'
import { createEmulator, type Emulator } from '../src/emulator/index.js'
import { iamOperations } from '../src/emulator/services/iam/index.js'
import { memoryClients, outcome, policy } from './helpers/reliability/memory.js'
import type { Creds } from './helpers/reliability/serve.js'
import { iamQueryParams } from './helpers/reliability/iam-params.js'
import { FORM_TYPE, queryBody, signRaw } from './helpers/reliability/sigv4.js'

/**
 * Issue 9, item 5. Authorization holds whatever is tried: a user without policies can do
 * nothing but GetCallerIdentity (and GetSessionToken, which AWS never authorizes); nobody
 * escalates by attaching or writing policies for itself; a session never exceeds its role or
 * its session policy; a permissions boundary caps a role. Checked by calling every action of
 * the registry (and every IAM operation of the emulator) as the identity under test.
 */
const ACCOUNT = '123456789012'
const arn = (kind: string, name: string) => `arn:aws:iam::${ACCOUNT}:${kind}/${name}`
const ALLOW_ALL = { Effect: 'Allow', Action: '*', Resource: '*' }

let em: Emulator
let root: AwsClients

/** The entities the registry's sample inputs name exist, so a refusal is about permission, not absence. */
async function samplesExist(): Promise<void> {
  await root.iam.send(new CreateUserCommand({ UserName: 'alice' }))
  await root.iam.send(new CreateGroupCommand({ GroupName: 'devs' }))
  await root.iam.send(new CreateRoleCommand({ RoleName: 'reader', AssumeRolePolicyDocument: policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }) }))
  await root.iam.send(new CreatePolicyCommand({ PolicyName: 'list-buckets', PolicyDocument: policy({ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }) }))
  await root.iam.send(new CreatePolicyCommand({ PolicyName: 'boundary', PolicyDocument: policy({ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }) }))
  await root.s3.send(new CreateBucketCommand({ Bucket: 'iamflow-demo-bucket' }))
  await root.s3.send(new PutObjectCommand({ Bucket: 'iamflow-demo-bucket', Key: 'notes/a.txt', Body: 'x' }))
}

async function userWithKey(name: string, inline?: object[]): Promise<Creds> {
  await root.iam.send(new CreateUserCommand({ UserName: name }))
  if (inline) await root.iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: policy(...inline) }))
  const k = (await root.iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!
  return { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! }
}

const DENIED = new Set(['AccessDenied', 'Forbidden'])

/**
 * Call every checked action with its sample input as `clients`; return those not refused with
 * AccessDenied (403) except the `allowed` ones, which must succeed.
 */
async function sweep(clients: AwsClients, allowed: readonly string[], refusedAs: (action: string) => readonly string[] = () => []): Promise<string[]> {
  const wrong: string[] = []
  for (const action of checkedActions) {
    // iamflow's own emulator actions are not AWS operations (their caller rule is tested in
    // test/emulator-web-identity.test.ts: only the account root may issue a token).
    if (action.emulatorOnly) continue
    // AssumeRoleWithWebIdentity and AssumeRoleWithSAML take no AWS credentials (the token or the
    // assertion is the credential): the caller's permissions do not apply; the token and the trust
    // policy decide (test/emulator-web-identity.test.ts, test/emulator-saml.test.ts).
    if (action.name === 'sts.assumeRoleWithWebIdentity' || action.name === 'sts.assumeRoleWithSAML') continue
    const input = sampleInput(action)
    // The registry's sample Policy is a bucket policy; as a session policy it would be malformed.
    if (action.service === 'sts') delete input.Policy
    // The sample VersionId is a policy version's (v2), not an S3 version id.
    if (action.service === 's3') delete input.VersionId
    // GetSessionToken checks an MFA serial against the caller's devices: the sample's is nobody's.
    if (action.name === 'sts.getSessionToken') {
      delete input.SerialNumber
      delete input.TokenCode
    }
    const r = await outcome(action.run({ clients }, input))
    // HEAD answers carry no body: the SDK names a 403 'Forbidden' or 'Unknown'.
    const denied = r.status === 403 && (DENIED.has(r.code) || refusedAs(action.name).includes(r.code) || (/^s3\.head/.test(action.name) && r.code === 'Unknown'))
    // An allowed call must get past authorization (a read of something absent answers NoSuchEntity).
    const ok = allowed.includes(action.name) ? r.code === 'OK' || r.code === 'NoSuchEntity' : denied
    if (!ok) wrong.push(`${action.name}: ${r.code}${r.message ? ` (${r.message.slice(0, 120)})` : ''}`)
  }
  return wrong
}

const snapshot = () => JSON.stringify(em.inventory())

beforeEach(async () => {
  em = createEmulator()
  root = memoryClients(em, em.root)
  await samplesExist()
})

describe('a user with no policies', () => {
  it('is refused every action of the registry except GetCallerIdentity and GetSessionToken, and changes nothing', async () => {
    const nobody = memoryClients(em, await userWithKey('nobody'))
    const before = snapshot()
    expect(await sweep(nobody, ['sts.getCallerIdentity', 'sts.getSessionToken'])).toEqual([])
    expect(snapshot()).toBe(before)
  })

  it('is refused every IAM operation the emulator implements (raw Query calls with valid input)', async () => {
    const creds = await userWithKey('nobody')
    const refused: string[] = []
    for (const op of Object.keys(iamOperations)) {
      const signed = await signRaw({ method: 'POST', path: '/', headers: { 'content-type': FORM_TYPE }, body: queryBody(op, '2010-05-08', iamQueryParams(op)) }, 'localhost:4566', { service: 'iam', creds })
      const res = await em.handle(new Request(`http://localhost:4566/`, { method: 'POST', headers: signed.headers, body: signed.body }))
      const text = await res.text()
      const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1]
      if (res.status !== 403 || code !== 'AccessDenied') refused.push(`${op}: ${res.status} ${code} ${/<Message>([^<]+)<\/Message>/.exec(text)?.[1]}`)
    }
    expect(Object.keys(iamOperations).length).toBeGreaterThan(60)
    expect(refused).toEqual([])
  })

  it('its GetSessionToken session can do no more than the user', async () => {
    const nobody = memoryClients(em, await userWithKey('nobody'))
    const c = (await nobody.sts.send(new GetSessionTokenCommand({ DurationSeconds: 900 }))).Credentials!
    const session = memoryClients(em, { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! })
    // GetSessionToken with session credentials is itself refused, and IAM does not accept
    // GetSessionToken credentials without MFA at all: InvalidClientTokenId (spec 4.6).
    expect(await sweep(session, ['sts.getCallerIdentity'], (a) => (a.startsWith('iam.') ? ['InvalidClientTokenId'] : []))).toEqual([])
  })
})

describe('no escalation by an identity acting on itself', () => {
  const SELF_READ = [{ Effect: 'Allow', Action: ['iam:Get*', 'iam:List*'], Resource: '*' }]

  it('a read-only user cannot attach, write, version, join or trust its way up', async () => {
    const me = memoryClients(em, await userWithKey('climber', SELF_READ))
    await root.iam.send(new CreateGroupCommand({ GroupName: 'admins' }))
    await root.iam.send(new AttachGroupPolicyCommand({ GroupName: 'admins', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }))
    await root.iam.send(new CreateRoleCommand({ RoleName: 'admin-role', AssumeRolePolicyDocument: policy({ Effect: 'Allow', Principal: { AWS: arn('user', 'alice') }, Action: 'sts:AssumeRole' }) }))
    await root.iam.send(new AttachRolePolicyCommand({ RoleName: 'admin-role', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }))
    await root.iam.send(new AttachUserPolicyCommand({ UserName: 'climber', PolicyArn: arn('policy', 'list-buckets') }))
    const attempts = {
      'attach AdministratorAccess to itself': me.iam.send(new AttachUserPolicyCommand({ UserName: 'climber', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' })),
      'write an inline Allow * on itself': me.iam.send(new PutUserPolicyCommand({ UserName: 'climber', PolicyName: 'up', PolicyDocument: policy(ALLOW_ALL) })),
      'add itself to the admins group': me.iam.send(new (await import('@aws-sdk/client-iam')).AddUserToGroupCommand({ GroupName: 'admins', UserName: 'climber' })),
      'rewrite the policy attached to it': me.iam.send(new (await import('@aws-sdk/client-iam')).CreatePolicyVersionCommand({ PolicyArn: arn('policy', 'list-buckets'), PolicyDocument: policy(ALLOW_ALL), SetAsDefault: true })),
      'make the admin role trust it': me.iam.send(new (await import('@aws-sdk/client-iam')).UpdateAssumeRolePolicyCommand({ RoleName: 'admin-role', PolicyDocument: policy({ Effect: 'Allow', Principal: { AWS: arn('user', 'climber') }, Action: 'sts:AssumeRole' }) })),
      'assume the admin role': me.sts.send(new AssumeRoleCommand({ RoleArn: arn('role', 'admin-role'), RoleSessionName: 'up' })),
      'create a key for another user': me.iam.send(new CreateAccessKeyCommand({ UserName: 'alice' })),
      'create a new admin user': me.iam.send(new CreateUserCommand({ UserName: 'sock-puppet' })),
    }
    const results = Object.fromEntries(await Promise.all(Object.entries(attempts).map(async ([k, p]) => [k, (await outcome(p)).code] as const)))
    expect(results).toEqual(Object.fromEntries(Object.keys(attempts).map((k) => [k, 'AccessDenied'])))
    // And afterwards it still has exactly what it had: reads, and the bucket listing of its attached policy.
    expect(await sweep(me, ['sts.getCallerIdentity', 'sts.getSessionToken', 's3.listBuckets', ...checkedActions.filter((a) => /^iam\.(get|list)/.test(a.name)).map((a) => a.name)])).toEqual([])
  })

  it('permission to attach policies to another user does not extend to itself', async () => {
    const me = memoryClients(em, await userWithKey('helper', [{ Effect: 'Allow', Action: ['iam:AttachUserPolicy', 'iam:PutUserPolicy'], Resource: arn('user', 'alice') }]))
    expect((await outcome(me.iam.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: arn('policy', 'list-buckets') })))).code).toBe('OK')
    expect((await outcome(me.iam.send(new AttachUserPolicyCommand({ UserName: 'helper', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' })))).code).toBe('AccessDenied')
    expect((await outcome(me.iam.send(new PutUserPolicyCommand({ UserName: 'helper', PolicyName: 'up', PolicyDocument: policy(ALLOW_ALL) })))).code).toBe('AccessDenied')
  })

  it('a user whose boundary allows only listing buckets cannot lift or outgrow it, whatever its policies say', async () => {
    const creds = await userWithKey('bounded', [ALLOW_ALL])
    await root.iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'bounded', PermissionsBoundary: arn('policy', 'boundary') }))
    const me = memoryClients(em, creds)
    const before = snapshot()
    expect(await sweep(me, ['sts.getCallerIdentity', 'sts.getSessionToken', 's3.listBuckets'])).toEqual([])
    expect(snapshot()).toBe(before)
  })
})

/** Credentials of a session on `role` assumed by a user allowed to assume anything. */
let assumers = 0
async function sessionOf(role: string, opts: { Policy?: string; PolicyArns?: Array<{ arn: string }> } = {}): Promise<AwsClients> {
  const assumer = memoryClients(em, await userWithKey(`assumer-${++assumers}`, [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }]))
  const c = (await assumer.sts.send(new AssumeRoleCommand({ RoleArn: arn('role', role), RoleSessionName: 'sess', DurationSeconds: 900, ...opts }))).Credentials!
  return memoryClients(em, { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! })
}

async function role(name: string, inline: object[], boundary?: string): Promise<void> {
  await root.iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }) }))
  await root.iam.send(new (await import('@aws-sdk/client-iam')).PutRolePolicyCommand({ RoleName: name, PolicyName: 'p', PolicyDocument: policy(...inline) }))
  if (boundary) await root.iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: name, PermissionsBoundary: boundary }))
}

describe('sessions and boundaries', () => {
  const LIST = { Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }

  it("a session has exactly its role's permissions", async () => {
    await role('lister', [LIST])
    expect(await sweep(await sessionOf('lister'), ['sts.getCallerIdentity', 's3.listBuckets'])).toEqual([])
  })

  it('a session policy narrows the role and cannot widen it (inline and managed)', async () => {
    await role('wide', [{ Effect: 'Allow', Action: ['s3:*', 'iam:List*'], Resource: '*' }])
    expect(await sweep(await sessionOf('wide', { Policy: policy(LIST) }), ['sts.getCallerIdentity', 's3.listBuckets'])).toEqual([])
    expect(await sweep(await sessionOf('wide', { PolicyArns: [{ arn: arn('policy', 'list-buckets') }] }), ['sts.getCallerIdentity', 's3.listBuckets'])).toEqual([])
    await role('narrow', [LIST])
    expect(await sweep(await sessionOf('narrow', { Policy: policy(ALLOW_ALL) }), ['sts.getCallerIdentity', 's3.listBuckets'])).toEqual([])
  })

  it('a boundary caps a role with AdministratorAccess, and its sessions cannot remove the boundary', async () => {
    await role('capped', [ALLOW_ALL], arn('policy', 'boundary'))
    await root.iam.send(new AttachRolePolicyCommand({ RoleName: 'capped', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }))
    const session = await sessionOf('capped')
    const before = snapshot()
    expect(await sweep(session, ['sts.getCallerIdentity', 's3.listBuckets'])).toEqual([])
    expect(snapshot()).toBe(before)
  })
})
