import { CreateRoleCommand } from '@aws-sdk/client-iam'
import { CreateBucketCommand } from '@aws-sdk/client-s3'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setOwn } from '../src/safe-object.js'
import { signedRequest } from './emulator-signing.js'
import { ACCOUNT, UNBENT, buildWorld, outcomeOf, prototypeChanges, queryCall, restorePrototypes, snapshotPrototypes, victimDecisions, type RawOutcome, type World } from './helpers/pollution.js'
import { policy } from './helpers/reliability/memory.js'

/**
 * Issue 12, defect 1 as a class: whatever names an attacker chooses (Query parameter names, JSON
 * keys of every kind of policy document, tag keys, condition keys, S3 metadata header names, XML
 * element names), containing `__proto__`, `constructor` or `prototype` at any position, through
 * every protocol (Query IAM and STS, S3 REST/XML and JSON), afterwards:
 * - no built-in prototype has changed,
 * - another principal's decisions are exactly as before (bob may read himself, not admin),
 * - the server is healthy (the same authorized requests still answer 200, never 500),
 * - a Query name with such a segment is refused with 400 InvalidQueryParameter.
 * Everything goes through `emulator.handle()`; the HTTP twin is in security-pollution-http.test.ts.
 */
const FORBIDDEN = ['__proto__', 'constructor', 'prototype'] as const
/** Names that are harmless as keys but break code that expects Object.prototype's methods. */
const DANGEROUS = ['toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'toJSON', 'then', 'length'] as const
const NORMAL = ['UserName', 'Tags', 'member', '1', '2', 'Key', 'Value', 'entry', 'key', 'value', 'aws:username', 'resourcePolicy', 'id', 'x', 'PolicyArns', 'arn', 'ContextEntries', 'ContextKeyName', 'ContextKeyValues'] as const

const segment = fc.constantFrom<string>(...FORBIDDEN, ...DANGEROUS, ...NORMAL)
const forbidden = fc.constantFrom<string>(...FORBIDDEN)
/** A dotted name with a forbidden segment at any position. */
const forbiddenName = fc.tuple(fc.array(segment, { maxLength: 3 }), forbidden, fc.array(segment, { maxLength: 3 })).map(([a, f, b]) => [...a, f, ...b].join('.'))
/** Any dotted name (forbidden segments or not). */
const anyName = fc.array(segment, { minLength: 1, maxLength: 5 }).map((s) => s.join('.'))
/** A key with a forbidden word in it: alone, prefixed, suffixed, or as a path. */
const forbiddenKey = fc.tuple(forbidden, fc.constantFrom('', 'aws:', 'aws:PrincipalTag/', 's3:', 'x.')).map(([f, pre]) => `${pre}${f}`)

const MALLORY = `arn:aws:iam::${ACCOUNT}:user/mallory`
const ROLE = `arn:aws:iam::${ACCOUNT}:role/mallory-role`
const GOOD_TRUST = policy({ Effect: 'Allow', Principal: { AWS: MALLORY }, Action: ['sts:AssumeRole', 'sts:TagSession'] })

/** Parameters that make each action valid for mallory, so injected names reach the deep code. */
const ACTIONS: ReadonlyArray<readonly ['iam' | 'sts', string, Array<[string, string]>]> = [
  ['sts', 'GetCallerIdentity', []],
  ['sts', 'GetSessionToken', [['DurationSeconds', '900']]],
  ['sts', 'AssumeRole', [['RoleArn', ROLE], ['RoleSessionName', 'sess'], ['Tags.member.1.Key', 'team'], ['Tags.member.1.Value', 'x']]],
  ['sts', 'GetAccessKeyInfo', [['AccessKeyId', 'AKIAIOSFODNN7EXAMPLE']]],
  ['iam', 'GetUser', [['UserName', 'mallory']]],
  ['iam', 'ListUsers', []],
  ['iam', 'TagUser', [['UserName', 'mallory'], ['Tags.member.1.Key', 'team'], ['Tags.member.1.Value', 'x']]],
  ['iam', 'CreateUser', [['UserName', 'mallory-new']]],
  ['iam', 'PutUserPolicy', [['UserName', 'mallory'], ['PolicyName', 'extra'], ['PolicyDocument', policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' })]]],
  ['iam', 'GetAccountSummary', []],
  ['iam', 'SimulateCustomPolicy', [['PolicyInputList.member.1', policy({ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' })], ['ActionNames.member.1', 'iam:GetUser'], ['ContextEntries.member.1.ContextKeyName', 'aws:username'], ['ContextEntries.member.1.ContextKeyValues.member.1', 'admin'], ['ContextEntries.member.1.ContextKeyType', 'string']]],
]

let w: World
let before: ReturnType<typeof snapshotPrototypes>

beforeAll(async () => {
  before = snapshotPrototypes()
  w = await buildWorld()
  await w.root.iam.send(new CreateRoleCommand({ RoleName: 'mallory-role', AssumeRolePolicyDocument: GOOD_TRUST }))
  await w.root.s3.send(new CreateBucketCommand({ Bucket: 'mallory-bucket' }))
})

afterAll(() => restorePrototypes(before))

/** The three invariants, checked after every attack. */
async function unharmed(attack: RawOutcome, what: string): Promise<void> {
  expect(prototypeChanges(before), what).toEqual([])
  expect(attack.status, `${what}: ${attack.code ?? ''} ${attack.message ?? ''}`).toBeLessThan(500)
  expect(await victimDecisions(w), what).toEqual(UNBENT)
}

const caller = () => fc.constantFrom<'nobody' | 'mallory'>('nobody', 'mallory')
const RUNS = { numRuns: 150 }

describe('Query parameter names (IAM and STS)', () => {
  it('a name with __proto__, constructor or prototype anywhere is refused, and changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ACTIONS), fc.array(fc.tuple(forbiddenName, fc.constantFrom('admin', 'x', '')), { minLength: 1, maxLength: 3 }), caller(), async ([service, action, base], injected, who) => {
        const attack = await queryCall(w.em, w[who], service, action, [...base, ...injected])
        expect(attack, `${action} ${JSON.stringify(injected)}`).toMatchObject({ status: 400, code: 'InvalidQueryParameter' })
        await unharmed(attack, `${action} ${JSON.stringify(injected)}`)
      }),
      RUNS,
    )
  })

  it('any other name (toString, valueOf, hasOwnProperty, ...) never answers 500 and changes nothing', async () => {
    const harmless = anyName.filter((n) => !n.split('.').some((s) => (FORBIDDEN as readonly string[]).includes(s)))
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ACTIONS), fc.array(fc.tuple(harmless, fc.constantFrom('admin', 'x', '')), { minLength: 1, maxLength: 3 }), caller(), async ([service, action, base], injected, who) => {
        const attack = await queryCall(w.em, w[who], service, action, [...base, ...injected])
        await unharmed(attack, `${action} ${JSON.stringify(injected)}`)
      }),
      RUNS,
    )
  })
})

/** Tag keys and transitive tag keys are VALUES: AWS's tag pattern allows `__proto__`. */
describe('tag keys', () => {
  it('TagUser, UntagUser and AssumeRole session tags with forbidden words as keys change nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(forbiddenKey, { minLength: 1, maxLength: 3 }), fc.constantFrom('TagUser', 'UntagUser', 'AssumeRole'), async (keys, action) => {
        let attack: RawOutcome
        if (action === 'TagUser') attack = await queryCall(w.em, w.mallory, 'iam', 'TagUser', [['UserName', 'mallory'], ...keys.flatMap((k, i): Array<[string, string]> => [[`Tags.member.${i + 1}.Key`, k], [`Tags.member.${i + 1}.Value`, 'admin']])])
        else if (action === 'UntagUser') attack = await queryCall(w.em, w.mallory, 'iam', 'UntagUser', [['UserName', 'mallory'], ...keys.map((k, i): [string, string] => [`TagKeys.member.${i + 1}`, k])])
        else {
          attack = await queryCall(w.em, w.mallory, 'sts', 'AssumeRole', [
            ['RoleArn', ROLE],
            ['RoleSessionName', 'sess'],
            ...keys.flatMap((k, i): Array<[string, string]> => [[`Tags.member.${i + 1}.Key`, k], [`Tags.member.${i + 1}.Value`, 'admin']]),
            ...keys.map((k, i): [string, string] => [`TransitiveTagKeys.member.${i + 1}`, k]),
          ])
        }
        await unharmed(attack, `${action} ${JSON.stringify(keys)}`)
      }),
      { numRuns: 60 },
    )
  })
})

/** A JSON value whose keys (somewhere) are forbidden words: built with own properties. */
function withKey(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(target)) setOwn(copy, k, v)
  setOwn(copy, key, value)
  return copy
}

type DocKind = 'identity' | 'trust' | 'resource'
const BASE: Record<DocKind, Record<string, unknown>> = {
  identity: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::mallory-bucket/*', Condition: { StringEquals: { 'aws:username': 'mallory' } } },
  trust: { Effect: 'Allow', Principal: { AWS: MALLORY }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:username': 'mallory' } } },
  resource: { Effect: 'Allow', Principal: { AWS: MALLORY }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::mallory-bucket/*', Condition: { StringEquals: { 'aws:username': 'mallory' } } },
}
const WHERE = ['top', 'statement', 'operator', 'condition-key', 'principal', 'condition-value'] as const

/** The document of `kind` with `key: value` added at `where`, as JSON text. */
function documentWith(kind: DocKind, where: (typeof WHERE)[number], key: string, value: unknown): string {
  let st = { ...BASE[kind] }
  const cond = st.Condition as Record<string, Record<string, unknown>>
  if (where === 'statement') st = withKey(st, key, value)
  if (where === 'operator') st.Condition = withKey(cond, key, value)
  if (where === 'condition-key') st.Condition = { StringEquals: withKey(cond.StringEquals!, key, value) }
  if (where === 'condition-value') st.Condition = { StringEquals: { 'aws:username': withKey({}, key, value) } }
  if (where === 'principal' && st.Principal) st.Principal = withKey(st.Principal as Record<string, unknown>, key, value)
  let doc: Record<string, unknown> = { Version: '2012-10-17', Statement: [st] }
  if (where === 'top') doc = withKey(doc, key, value)
  return JSON.stringify(doc)
}

const s3Call = async (method: string, path: string, opts: { query?: Record<string, string>; headers?: Record<string, string>; body?: string } = {}): Promise<RawOutcome> =>
  outcomeOf(await w.em.handle(await signedRequest({ service: 's3', method, host: 'localhost:4566', path, creds: w.mallory, ...opts })))

describe('JSON policy documents (identity, managed, trust, session, bucket, simulated)', () => {
  it('forbidden keys anywhere in a document never pollute, never answer 500, and change nobody else', async () => {
    const value = fc.constantFrom<unknown>('admin', ['admin'], { 'aws:username': 'admin' }, { x: { y: 'z' } }, { AWS: `arn:aws:iam::${ACCOUNT}:user/admin` })
    const channel = fc.constantFrom('PutUserPolicy', 'CreatePolicy', 'UpdateAssumeRolePolicy', 'AssumeRole', 'SimulateCustomPolicy', 'SimulateResourcePolicy', 'PutBucketPolicy')
    await fc.assert(
      fc.asyncProperty(channel, fc.constantFrom(...WHERE), forbiddenKey, value, async (via, where, key, v) => {
        const kind: DocKind = via === 'UpdateAssumeRolePolicy' ? 'trust' : via === 'PutBucketPolicy' || via === 'SimulateResourcePolicy' ? 'resource' : 'identity'
        const doc = documentWith(kind, where, key, v)
        let attack: RawOutcome
        switch (via) {
          case 'PutUserPolicy':
            attack = await queryCall(w.em, w.mallory, 'iam', 'PutUserPolicy', [['UserName', 'mallory'], ['PolicyName', 'extra'], ['PolicyDocument', doc]])
            break
          case 'CreatePolicy':
            attack = await queryCall(w.em, w.mallory, 'iam', 'CreatePolicy', [['PolicyName', 'mallory-p'], ['PolicyDocument', doc]])
            break
          case 'UpdateAssumeRolePolicy':
            attack = await queryCall(w.em, w.mallory, 'iam', 'UpdateAssumeRolePolicy', [['RoleName', 'mallory-role'], ['PolicyDocument', doc]])
            break
          case 'AssumeRole':
            attack = await queryCall(w.em, w.mallory, 'sts', 'AssumeRole', [['RoleArn', ROLE], ['RoleSessionName', 'sess'], ['Policy', doc]])
            break
          case 'SimulateCustomPolicy':
            attack = await queryCall(w.em, w.mallory, 'iam', 'SimulateCustomPolicy', [['PolicyInputList.member.1', doc], ['ActionNames.member.1', 's3:GetObject'], ['ResourceArns.member.1', 'arn:aws:s3:::mallory-bucket/a']])
            break
          case 'SimulateResourcePolicy':
            attack = await queryCall(w.em, w.mallory, 'iam', 'SimulateCustomPolicy', [
              ['PolicyInputList.member.1', policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' })],
              ['ActionNames.member.1', 's3:GetObject'],
              ['ResourceArns.member.1', 'arn:aws:s3:::mallory-bucket/a'],
              ['ResourcePolicy', doc],
              ['CallerArn', MALLORY],
            ])
            break
          default:
            attack = await s3Call('PUT', '/mallory-bucket', { query: { policy: '' }, body: doc })
        }
        await unharmed(attack, `${via} ${where} ${key} ${JSON.stringify(v)}`)
      }),
      RUNS,
    )
    // The trust policy may have been replaced: give it back so later tests can assume the role.
    await queryCall(w.em, w.em.root, 'iam', 'UpdateAssumeRolePolicy', [['RoleName', 'mallory-role'], ['PolicyDocument', GOOD_TRUST]])
  })

  it('SimulatePrincipalPolicy context entries named with forbidden words change nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(forbiddenKey, { minLength: 1, maxLength: 3 }), fc.constantFrom('string', 'stringList', 'numeric', 'boolean'), async (keys, type) => {
        const attack = await queryCall(w.em, w.mallory, 'iam', 'SimulatePrincipalPolicy', [
          ['PolicySourceArn', MALLORY],
          ['ActionNames.member.1', 's3:GetObject'],
          ...keys.flatMap((k, i): Array<[string, string]> => [
            [`ContextEntries.member.${i + 1}.ContextKeyName`, k],
            [`ContextEntries.member.${i + 1}.ContextKeyValues.member.1`, type === 'numeric' ? '1' : type === 'boolean' ? 'true' : 'admin'],
            [`ContextEntries.member.${i + 1}.ContextKeyType`, type],
          ]),
        ])
        await unharmed(attack, `SimulatePrincipalPolicy ${JSON.stringify(keys)} ${type}`)
      }),
      { numRuns: 60 },
    )
  })
})

describe('S3 REST: header names, query parameter names, XML element names', () => {
  it('x-amz-meta-<forbidden> headers, forbidden header and query names never pollute and never answer 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(forbidden, { minLength: 1, maxLength: 3 }), fc.constantFrom('meta', 'header', 'query'), async (names, where) => {
        const headers: Record<string, string> = {}
        const query: Record<string, string> = {}
        for (const n of names) {
          if (where === 'meta') headers[`x-amz-meta-${n}`] = 'admin'
          else if (where === 'header') setOwn(headers, n, 'admin')
          else setOwn(query, n, 'admin')
        }
        const put = await s3Call('PUT', '/mallory-bucket/k', { headers, query, body: 'v' })
        await unharmed(put, `PutObject ${where} ${JSON.stringify(names)}`)
        const head = await s3Call('HEAD', '/mallory-bucket/k', { query })
        await unharmed(head, `HeadObject ${where} ${JSON.stringify(names)}`)
      }),
      { numRuns: 60 },
    )
  })

  it('XML bodies (DeleteObjects, CreateBucketConfiguration, CompleteMultipartUpload) with forbidden element names are MalformedXML', async () => {
    const body = fc.tuple(forbidden, fc.constantFrom('Delete', 'CreateBucketConfiguration', 'CompleteMultipartUpload'), fc.constantFrom('root', 'inner', 'leaf')).map(([f, root, at]) => {
      const inner = root === 'Delete' ? '<Object><Key>k</Key></Object>' : root === 'CompleteMultipartUpload' ? '<Part><PartNumber>1</PartNumber><ETag>"e"</ETag></Part>' : '<LocationConstraint>eu-west-1</LocationConstraint>'
      const xml = at === 'root' ? `<${root}><${f}><x>admin</x></${f}>${inner}</${root}>` : at === 'inner' ? `<${root}>${inner.replace(/^<(\w+)>/, `<$1><${f}>admin</${f}>`)}</${root}>` : `<${root}>${inner}<${f}/></${root}>`
      return { root, xml }
    })
    await fc.assert(
      fc.asyncProperty(body, async ({ root, xml }) => {
        const attack =
          root === 'Delete'
            ? await s3Call('POST', '/mallory-bucket', { query: { delete: '' }, body: xml })
            : root === 'CompleteMultipartUpload'
              ? await s3Call('POST', '/mallory-bucket/k', { query: { uploadId: 'none' }, body: xml })
              : await s3Call('PUT', '/mallory-bucket-2', { body: xml })
        if (root !== 'CompleteMultipartUpload') expect(attack, xml).toMatchObject({ status: 400, code: 'MalformedXML' })
        await unharmed(attack, xml)
      }),
      { numRuns: 60 },
    )
  })
})
