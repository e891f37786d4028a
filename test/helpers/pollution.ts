import { CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam'
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import type { AwsClients } from '../../src/actions/define-action.js'
import { createEmulator, type Emulator } from '../../src/emulator/index.js'
import { signedRequest } from '../emulator-signing.js'
import type { Creds } from '../emulator-helpers.js'
import { memoryClients, policy } from './reliability/memory.js'

/**
 * Shared by the prototype-pollution tests (issue 12, defect 1): a world with a victim whose
 * grant depends on `${aws:username}`, raw Query calls whose parameter names are sent exactly as
 * given, and a check that the built-in prototypes are exactly as they were.
 */

export const ACCOUNT = '123456789012'
export const IAM_VERSION = '2010-05-08'
export const STS_VERSION = '2011-06-15'

/** Everything a built-in prototype owns, by identity, to compare before and after. */
type ProtoSnapshot = Map<object, Map<string | symbol, PropertyDescriptor>>

const PROTOTYPES: object[] = [Object.prototype, Array.prototype, Function.prototype, String.prototype, Object, Array]

/** The own properties (with their descriptors) of Object/Array/Function/String prototypes. */
export function snapshotPrototypes(): ProtoSnapshot {
  const snap: ProtoSnapshot = new Map()
  for (const p of PROTOTYPES) {
    const own = new Map<string | symbol, PropertyDescriptor>()
    for (const k of Reflect.ownKeys(p)) own.set(k, Object.getOwnPropertyDescriptor(p, k)!)
    snap.set(p, own)
  }
  return snap
}

const same = (a: PropertyDescriptor, b: PropertyDescriptor) => a.value === b.value && a.get === b.get && a.set === b.set && a.writable === b.writable && a.enumerable === b.enumerable

/** What changed on the built-in prototypes since `before` (empty when nothing did). */
export function prototypeChanges(before: ProtoSnapshot): string[] {
  const changes: string[] = []
  for (const [p, own] of before) {
    const name = p === Object.prototype ? 'Object.prototype' : p === Array.prototype ? 'Array.prototype' : p === Function.prototype ? 'Function.prototype' : p === String.prototype ? 'String.prototype' : p === Object ? 'Object' : 'Array'
    for (const k of Reflect.ownKeys(p)) {
      const was = own.get(k)
      const now = Object.getOwnPropertyDescriptor(p, k)!
      if (!was) changes.push(`${name}.${String(k)} added`)
      else if (!same(was, now)) changes.push(`${name}.${String(k)} changed`)
    }
    for (const k of own.keys()) if (!Object.hasOwn(p, k)) changes.push(`${name}.${String(k)} removed`)
  }
  return changes
}

/** Put the built-in prototypes back as `before` had them (so one polluting test cannot poison the next). */
export function restorePrototypes(before: ProtoSnapshot): void {
  for (const [p, own] of before) {
    for (const k of Reflect.ownKeys(p)) if (!own.has(k)) delete (p as Record<string | symbol, unknown>)[k]
    for (const [k, d] of own) Object.defineProperty(p, k, d)
  }
}

/** The outcome of a raw call: HTTP status, the AWS error code (if any) and the body. */
export interface RawOutcome {
  status: number
  code?: string
  message?: string
  body: string
}

const unescape = (s: string) => s.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')

/** Status, `<Code>` and `<Message>` of a response. */
export async function outcomeOf(res: Response): Promise<RawOutcome> {
  const body = await res.text()
  const code = /<Code>([^<]*)<\/Code>/.exec(body)?.[1]
  const message = /<Message>([^<]*)<\/Message>/.exec(body)?.[1]
  return { status: res.status, ...(code ? { code } : {}), ...(message !== undefined ? { message: unescape(message) } : {}), body }
}

/** A form body with the parameter names exactly as given (percent-encoded, nothing merged or dropped). */
export function rawForm(params: ReadonlyArray<readonly [string, string]>): string {
  return params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')
}

/** A signed Query call (IAM or STS) through `em.handle()`, parameters sent exactly as listed. */
export async function queryCall(em: Emulator, creds: Creds, service: 'iam' | 'sts', action: string, params: ReadonlyArray<readonly [string, string]> = []): Promise<RawOutcome> {
  const version = service === 'iam' ? IAM_VERSION : STS_VERSION
  const body = rawForm([['Action', action], ['Version', version], ...params])
  const req = await signedRequest({ service, creds, body, headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' } })
  return outcomeOf(await em.handle(req))
}

/** The victim's world: who may do what, before any attack. */
export interface World {
  em: Emulator
  root: AwsClients
  /** May `iam:GetUser` and `iam:CreateAccessKey` only on `user/${aws:username}` (itself). */
  bob: Creds
  /** An attacker with no policy at all. */
  nobody: Creds
  /** An attacker allowed everything on its own user, role and bucket (reaches the deep parsers). */
  mallory: Creds
}

/** Build the world: users bob, admin, nobody, mallory; a bucket with one object. */
export async function buildWorld(): Promise<World> {
  const em = createEmulator()
  const root = memoryClients(em, em.root)
  const key = async (name: string, statements?: object[]): Promise<Creds> => {
    await root.iam.send(new CreateUserCommand({ UserName: name }))
    if (statements) await root.iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: policy(...statements) }))
    const k = (await root.iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!
    return { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! }
  }
  await root.iam.send(new CreateUserCommand({ UserName: 'admin' }))
  const bob = await key('bob', [{ Effect: 'Allow', Action: ['iam:GetUser', 'iam:CreateAccessKey'], Resource: `arn:aws:iam::${ACCOUNT}:user/\${aws:username}` }])
  const nobody = await key('nobody')
  const mallory = await key('mallory', [
    { Effect: 'Allow', Action: 'iam:*', Resource: [`arn:aws:iam::${ACCOUNT}:user/mallory`, `arn:aws:iam::${ACCOUNT}:role/mallory-*`, `arn:aws:iam::${ACCOUNT}:policy/mallory-*`] },
    { Effect: 'Allow', Action: ['iam:SimulateCustomPolicy', 'iam:CreatePolicy', 'iam:ListUsers', 'iam:GetAccountSummary'], Resource: '*' },
    { Effect: 'Allow', Action: 'sts:*', Resource: '*' },
    { Effect: 'Allow', Action: 's3:*', Resource: ['arn:aws:s3:::mallory-bucket', 'arn:aws:s3:::mallory-bucket/*'] },
    { Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' },
  ])
  await root.s3.send(new CreateBucketCommand({ Bucket: 'shared-bucket' }))
  await root.s3.send(new PutObjectCommand({ Bucket: 'shared-bucket', Key: 'a.txt', Body: 'hello' }))
  return { em, root, bob, nobody, mallory }
}

/**
 * What bob may do, asked afresh: his own user yes, admin's no (GetUser and CreateAccessKey, the
 * `${aws:username}` grant), GetCallerIdentity names him, and the root still reads the bucket.
 * Returns a readable line per check so a test can compare it with the expected lines.
 */
export async function victimDecisions(w: World): Promise<string[]> {
  const lines: string[] = []
  const line = (what: string, o: RawOutcome) => lines.push(`${what}: ${o.status} ${o.code ?? 'OK'}`)
  line('bob GetUser bob', await queryCall(w.em, w.bob, 'iam', 'GetUser', [['UserName', 'bob']]))
  line('bob GetUser admin', await queryCall(w.em, w.bob, 'iam', 'GetUser', [['UserName', 'admin']]))
  // A key for admin must stay refused; asking again is harmless because it is refused (no key is made).
  line('bob CreateAccessKey admin', await queryCall(w.em, w.bob, 'iam', 'CreateAccessKey', [['UserName', 'admin']]))
  const who = await queryCall(w.em, w.bob, 'sts', 'GetCallerIdentity')
  line('bob GetCallerIdentity', who)
  lines.push(`bob is ${/<Arn>([^<]*)<\/Arn>/.exec(who.body)?.[1] ?? '?'}`)
  const s3 = await w.em.handle(await signedRequest({ service: 's3', method: 'GET', host: 'localhost:4566', path: '/shared-bucket/a.txt', creds: w.em.root }))
  lines.push(`root GetObject: ${s3.status} ${await s3.text()}`)
  return lines
}

/** The decisions of {@link victimDecisions} when nothing has been bent. */
export const UNBENT = [
  'bob GetUser bob: 200 OK',
  'bob GetUser admin: 403 AccessDenied',
  'bob CreateAccessKey admin: 403 AccessDenied',
  'bob GetCallerIdentity: 200 OK',
  `bob is arn:aws:iam::${ACCOUNT}:user/bob`,
  'root GetObject: 200 hello',
]
