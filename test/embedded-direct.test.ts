import { describe, expect, it } from 'vitest'
import type { AwsClients } from '../src/actions/define-action.js'
import { ClientFactory } from '../src/aws/clients.js'
import { CredentialHandle } from '../src/aws/credentials.js'
import { toOutcome } from '../src/aws/errors.js'
import { createEmulator, createInMemoryHandler, directHandler, type Emulator } from '../src/emulator/index.js'
import { bothWays } from './helpers/embedded-equivalence.js'

/**
 * The embedded target's in-process path (src/aws/direct.ts, src/emulator/protocols/direct.ts)
 * answers exactly as the SDK over the in-memory handler does: the same outputs (every member,
 * its type: Dates, numbers, booleans, bytes, lists, maps), the same errors as toOutcome reads
 * them, and the same run of a lab. The whole library runs both ways in
 * embedded-direct.long.test.ts.
 */

const META = { sourceIp: '127.0.0.1', secure: true } as const

/** The same identity on one emulator, through the SDK and in process. */
function bothClients(em: Emulator, creds: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): { sdk: AwsClients; direct: AwsClients } {
  const handle = CredentialHandle.seal('t', creds)
  const base = { kind: 'embedded' as const, region: 'us-east-1', endpoint: 'http://localhost:4566', requestHandler: createInMemoryHandler(em, META), maxAttempts: 1 }
  return {
    sdk: new ClientFactory(base, handle).clientsFor(),
    direct: new ClientFactory({ ...base, direct: { transport: directHandler(em)!, meta: META } }, handle).clientsFor(),
  }
}

/**
 * An output without what differs per call (the request id). Maps (`SummaryMap`) are the one
 * intended difference in kind: their keys are data, so the direct path gives a record without
 * a prototype (src/safe-object.ts) where the SDK gives a plain object; compared as plain here.
 */
function stable(output: unknown): unknown {
  const { $metadata, ...rest } = output as { $metadata: { requestId?: string } }
  return plain({ ...rest, $metadata: { ...$metadata, requestId: typeof $metadata.requestId } })
}

function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain)
  if (value === null || typeof value !== 'object' || value instanceof Date || value instanceof Uint8Array) return value
  const proto = Object.getPrototypeOf(value)
  if (proto !== null && proto !== Object.prototype) return value
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]))
}

async function errorOf(p: Promise<unknown>): Promise<unknown> {
  try {
    await p
  } catch (err) {
    const e = err as Record<string, unknown> & { $metadata: Record<string, unknown> }
    const { requestId: _r, ...outcome } = toOutcome(err) as { requestId?: string }
    return {
      name: e.name,
      message: e.message,
      $fault: e.$fault,
      Code: e.Code,
      Type: e.Type,
      Error: e.Error,
      $metadata: { ...e.$metadata, requestId: typeof e.$metadata.requestId },
      outcome,
    }
  }
  throw new Error('expected the call to fail')
}

type Call = [service: 'iam' | 'sts', operation: string, input: Record<string, unknown>]

/** Call both ways (reads only: the state is the same for both). */
async function same(a: AwsClients, b: AwsClients, [service, operation, input]: Call): Promise<unknown> {
  const call = (c: AwsClients) => (c.call as (s: string, o: string, i: Record<string, unknown>) => Promise<unknown>)(service, operation, input)
  const viaSdk = await call(a)
  const viaDirect = await call(b)
  expect(stable(viaDirect), `${service}.${operation}`).toStrictEqual(stable(viaSdk))
  return viaDirect
}

async function sameError(a: AwsClients, b: AwsClients, [service, operation, input]: Call): Promise<unknown> {
  const call = (c: AwsClients) => (c.call as (s: string, o: string, i: Record<string, unknown>) => Promise<unknown>)(service, operation, input)
  const viaSdk = await errorOf(call(a))
  const viaDirect = await errorOf(call(b))
  expect(viaDirect, `${service}.${operation}`).toStrictEqual(viaSdk)
  return viaDirect
}

const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' }] })
const POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:Get*', 'iam:List*', 's3:*', 'sts:AssumeRole'], Resource: '*' }] })

describe('the embedded in-process path', () => {
  it('answers IAM and STS reads with the very objects the SDK deserialises', async () => {
    const em = createEmulator()
    const root = bothClients(em, em.root)
    const { direct } = root
    // A state with a bit of everything, made in process.
    await direct.call('iam', 'CreateUser', { UserName: 'alice', Path: '/team/', Tags: [{ Key: 'team', Value: 'a b+c=d@e' }] })
    await direct.call('iam', 'CreateGroup', { GroupName: 'devs' })
    await direct.call('iam', 'AddUserToGroup', { GroupName: 'devs', UserName: 'alice' })
    const policy = await direct.call('iam', 'CreatePolicy', { PolicyName: 'read', PolicyDocument: POLICY, Tags: [] })
    await direct.call('iam', 'AttachUserPolicy', { UserName: 'alice', PolicyArn: policy.Policy!.Arn! })
    await direct.call('iam', 'CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: TRUST, MaxSessionDuration: 7200, Description: 'x' })
    await direct.call('iam', 'PutRolePolicy', { RoleName: 'r', PolicyName: 'inline', PolicyDocument: POLICY })
    await direct.call('iam', 'CreateInstanceProfile', { InstanceProfileName: 'ip' })
    await direct.call('iam', 'AddRoleToInstanceProfile', { InstanceProfileName: 'ip', RoleName: 'r' })
    await direct.call('iam', 'CreateLoginProfile', { UserName: 'alice', Password: 'Correct-Horse-9', PasswordResetRequired: true })
    await direct.call('iam', 'CreateVirtualMFADevice', { VirtualMFADeviceName: 'alice-mfa' })
    const key = await direct.call('iam', 'CreateAccessKey', { UserName: 'alice' })
    await direct.call('iam', 'GenerateCredentialReport', {})

    const reads: Call[] = [
      ['iam', 'GetUser', { UserName: 'alice' }],
      ['iam', 'ListUsers', {}],
      ['iam', 'ListUsers', { PathPrefix: '/nobody/' }],
      ['iam', 'ListUserTags', { UserName: 'alice' }],
      ['iam', 'GetGroup', { GroupName: 'devs' }],
      ['iam', 'ListGroupsForUser', { UserName: 'alice' }],
      ['iam', 'GetPolicy', { PolicyArn: policy.Policy!.Arn! }],
      ['iam', 'GetPolicyVersion', { PolicyArn: policy.Policy!.Arn!, VersionId: 'v1' }],
      ['iam', 'ListPolicies', { Scope: 'Local', OnlyAttached: true, MaxItems: 5 }],
      ['iam', 'ListAttachedUserPolicies', { UserName: 'alice' }],
      ['iam', 'GetRole', { RoleName: 'r' }],
      ['iam', 'GetRolePolicy', { RoleName: 'r', PolicyName: 'inline' }],
      ['iam', 'ListRoles', { MaxItems: 1 }],
      ['iam', 'ListInstanceProfilesForRole', { RoleName: 'r' }],
      ['iam', 'GetLoginProfile', { UserName: 'alice' }],
      ['iam', 'ListVirtualMFADevices', {}],
      ['iam', 'ListAccessKeys', { UserName: 'alice' }],
      ['iam', 'GetAccessKeyLastUsed', { AccessKeyId: key.AccessKey!.AccessKeyId! }],
      ['iam', 'GetAccountSummary', {}],
      ['iam', 'GetAccountAuthorizationDetails', {}],
      ['iam', 'GetCredentialReport', {}],
      ['iam', 'SimulatePrincipalPolicy', { PolicySourceArn: 'arn:aws:iam::123456789012:user/team/alice', ActionNames: ['iam:GetUser', 's3:GetObject', 'ec2:RunInstances'] }],
      ['sts', 'GetCallerIdentity', {}],
      ['sts', 'GetAccessKeyInfo', { AccessKeyId: key.AccessKey!.AccessKeyId! }],
    ]
    for (const call of reads) await same(root.sdk, root.direct, call)

    // As alice (a user key), and as a role session (a token).
    const alice = bothClients(em, { accessKeyId: key.AccessKey!.AccessKeyId!, secretAccessKey: key.AccessKey!.SecretAccessKey! })
    await same(alice.sdk, alice.direct, ['sts', 'GetCallerIdentity', {}])
    await same(alice.sdk, alice.direct, ['iam', 'GetUser', {}])
    await same(alice.sdk, alice.direct, ['iam', 'ListAttachedUserPolicies', { UserName: 'alice' }])
    const assumed = await alice.direct.call('sts', 'AssumeRole', { RoleArn: 'arn:aws:iam::123456789012:role/r', RoleSessionName: 'sess', DurationSeconds: 900 })
    expect(assumed.Credentials!.Expiration).toBeInstanceOf(Date)
    const c = assumed.Credentials!
    const session = bothClients(em, { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! })
    await same(session.sdk, session.direct, ['sts', 'GetCallerIdentity', {}])
    await same(session.sdk, session.direct, ['iam', 'GetRole', { RoleName: 'r' }])
  })

  it('fails as the SDK does: modelled and unmodelled errors, denials with their decision, unknown keys, no message', async () => {
    const em = createEmulator()
    const root = bothClients(em, em.root)
    await sameError(root.sdk, root.direct, ['iam', 'GetCredentialReport', {}])
    await root.direct.call('iam', 'CreateUser', { UserName: 'bob' })
    await root.direct.call('iam', 'CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: TRUST })
    await root.direct.call('iam', 'PutRolePolicy', { RoleName: 'r', PolicyName: 'p', PolicyDocument: POLICY })
    const key = await root.direct.call('iam', 'CreateAccessKey', { UserName: 'bob' })
    const bob = bothClients(em, { accessKeyId: key.AccessKey!.AccessKeyId!, secretAccessKey: key.AccessKey!.SecretAccessKey! })
    const errors: Array<[AwsClients, AwsClients, Call]> = [
      [root.sdk, root.direct, ['iam', 'GetUser', { UserName: 'nobody' }]],
      [root.sdk, root.direct, ['iam', 'CreateUser', { UserName: 'bob' }]],
      [root.sdk, root.direct, ['iam', 'CreateUser', { UserName: 'bad name!' }]],
      [root.sdk, root.direct, ['iam', 'DeleteRole', { RoleName: 'r' }]],
      [root.sdk, root.direct, ['iam', 'CreateRole', { RoleName: 'r2', AssumeRolePolicyDocument: '{not json' }]],
      [root.sdk, root.direct, ['sts', 'AssumeRole', { RoleArn: 'arn:aws:iam::123456789012:role/r', RoleSessionName: 's', DurationSeconds: 60 }]],
      [bob.sdk, bob.direct, ['iam', 'ListUsers', {}]],
      [bob.sdk, bob.direct, ['sts', 'AssumeRole', { RoleArn: 'arn:aws:iam::123456789012:role/r', RoleSessionName: 's' }]],
    ]
    for (const [a, b, call] of errors) await sameError(a, b, call)
    const denied = (await sameError(bob.sdk, bob.direct, ['iam', 'ListUsers', {}])) as { outcome: { decision?: unknown } }
    expect(denied.outcome.decision).toBeDefined()
    const stranger = bothClients(em, { accessKeyId: 'AKIAIOSFODNN7NOTREAL', secretAccessKey: 'x'.repeat(40) })
    await sameError(stranger.sdk, stranger.direct, ['sts', 'GetCallerIdentity', {}])
  })

  it('retries throttling and stops on Ctrl-C', async () => {
    const em = createEmulator({ faults: { seed: 3, throttle: 0.5, services: ['sts'] } })
    const handle = CredentialHandle.seal('t', em.root)
    const factory = new ClientFactory({ kind: 'embedded', region: 'us-east-1', requestHandler: createInMemoryHandler(em, META), direct: { transport: directHandler(em)!, meta: META } }, handle)
    const clients = factory.clientsFor()
    let retried = 0
    for (let i = 0; i < 10; i++) {
      const out = await clients.call('sts', 'GetCallerIdentity', {})
      retried += out.$metadata.attempts! - 1
    }
    expect(retried).toBeGreaterThan(0)
    const controller = new AbortController()
    controller.abort()
    expect(toOutcome(await clients.call('sts', 'GetCallerIdentity', {}, controller.signal).catch((e: unknown) => e))).toMatchObject({ kind: 'infra', aborted: true })
  })

  it("answers iamflow's own operations as the wire does", async () => {
    const em = createEmulator()
    const { sdk, direct } = bothClients(em, em.root)
    const own = async (c: AwsClients, params: Record<string, string>) => {
      try {
        const out = await c.iamflow!.call('IamflowIssueOidcToken', params)
        return { ok: Object.keys(out).sort(), metadata: typeof out.$metadata }
      } catch (err) {
        const { requestId: _r, ...outcome } = toOutcome(err) as { requestId?: string }
        return { outcome, name: (err as Error).name }
      }
    }
    const cases: Array<Record<string, string>> = [
      { Issuer: 'https://token.actions.githubusercontent.com', Subject: 'repo:o/r:ref:refs/heads/main', Audience: 'sts.amazonaws.com' },
      { Issuer: 'https://token.actions.githubusercontent.com', Subject: 'repo:o/r', Audience: 'sts.amazonaws.com', Claims: '[1]' },
      { Subject: 'x' },
    ]
    for (const params of cases) expect(await own(direct, params), JSON.stringify(params)).toStrictEqual(await own(sdk, params))
  })

  // The whole library: embedded-direct.long.test.ts.
  it.each(['assume-role.yaml', 'force-mfa-self-service.yaml', 'saml-federation.yaml', 'explicit-deny.yaml'])('runs %s exactly as over the SDK', async (file) => {
    const { direct, sdk, differences, status } = await bothWays(`scenarios/${file}`)
    expect(status).toBe('passed')
    expect(differences).toEqual([])
    expect(direct).toStrictEqual(sdk)
  })
})
