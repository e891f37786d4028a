import { describe, expect, it } from 'vitest'
import type { AwsClients } from '../src/actions/define-action.js'
import { restXmlOperations } from '../src/aws-model/rest-xml.js'
import { ClientFactory } from '../src/aws/clients.js'
import { CredentialHandle } from '../src/aws/credentials.js'
import { toOutcome } from '../src/aws/errors.js'
import { createEmulator, createInMemoryHandler, directHandler, servedOperations, type Emulator } from '../src/emulator/index.js'
import { toWireRequest } from '../src/emulator/protocols/s3-direct-request.js'
import { bothWays } from './helpers/embedded-equivalence.js'

/**
 * The embedded target's in-process S3 path (src/emulator/protocols/s3-direct.ts) answers exactly
 * as the SDK over the in-memory handler: two emulators on one manual clock play the same script,
 * one through @aws-sdk/client-s3 (signing, REST-XML serialisation, checksums, parsing), one in
 * process; every answer (outputs with their types, errors with their names, codes, messages,
 * members and $metadata) must be deep-equal, for the operator, a user without permissions, a
 * bucket-policy grantee, an unknown key and an expired session.
 */

const META = { sourceIp: '127.0.0.1', secure: true } as const
type Creds = { accessKeyId: string; secretAccessKey: string; sessionToken?: string }

/** S3 calls answered in process, per emulator. */
const inProcess = new WeakMap<Emulator, number>()

function clientsFor(em: Emulator, creds: Creds, path: 'sdk' | 'direct'): AwsClients {
  const handle = CredentialHandle.seal('t', creds)
  const base = { kind: 'embedded' as const, region: 'us-east-1', endpoint: 'http://localhost:4566', requestHandler: createInMemoryHandler(em, META), maxAttempts: 1 }
  const inner = directHandler(em)!
  const transport: typeof inner = {
    ...inner,
    call: (req, meta) => {
      if (req.service === 's3') inProcess.set(em, (inProcess.get(em) ?? 0) + 1)
      return inner.call(req, meta)
    },
  }
  return new ClientFactory(path === 'direct' ? { ...base, direct: { transport, meta: META } } : base, handle).clientsFor()
}

/** Values drawn at random per request or emulator: compared by kind. */
const RANDOM = /^(accessKeyId|requestId|extendedRequestId|RequestId|HostId|\w*VersionId\w*|\w*UploadId\w*)$/

function stable(value: unknown, key = ''): unknown {
  if (RANDOM.test(key) && typeof value === 'string') return `<${key}>`
  if (Array.isArray(value)) return value.map((v) => stable(v))
  if (value === null || typeof value !== 'object' || value instanceof Date || value instanceof Uint8Array) return value
  // The SDK notes when the server's Date is minutes off its own clock: only this test moves the
  // emulator's clock (to expire a session), so the SDK's note is the test's, not the path's.
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'clockSkewCorrected').map(([k, v]) => [k, stable(v, k)]))
}

/** An answer as data: the output (Body read as text), or the error's every member and outcome. */
async function answer(p: Promise<unknown>): Promise<unknown> {
  try {
    const out = (await p) as Record<string, unknown>
    const body = out.Body as { transformToString?: () => Promise<string> } | undefined
    const rest = { ...out }
    if (body && typeof body.transformToString === 'function') rest.Body = { text: await body.transformToString(), kind: typeof body.transformToString }
    return { ok: stable(rest) }
  } catch (err) {
    const e = err as Record<string, unknown>
    const { requestId: _r, ...outcome } = toOutcome(err) as { requestId?: string }
    return { error: stable({ ...e, name: e.name, message: e.message, outcome }) }
  }
}

type Step = [label: string, as: string, operation: string, input: Record<string, unknown> | ((ctx: Map<string, unknown>) => Record<string, unknown>), keep?: (out: Record<string, unknown>, ctx: Map<string, unknown>) => void]

const POLICY = (bucket: string, principal: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'grant', Effect: 'Allow', Principal: { AWS: principal }, Action: ['s3:GetObject', 's3:ListBucket'], Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`] }] })
const KEYS = ['plain.txt', 'with space/and+plus.txt', 'per%cent/ünï cödé/日本.txt', 'a/b/c/', 'odd&<chars>"\'.txt', 'tab\tkey', 'double//slash', '/leading', 'q?uery#frag', 'tilde~star*(paren)!', 'emoji 😀']

const STEPS: Step[] = [
  ['create', 'root', 'CreateBucket', { Bucket: 'eq-bucket' }],
  ['create again', 'root', 'CreateBucket', { Bucket: 'eq-bucket' }],
  ['create bad name', 'root', 'CreateBucket', { Bucket: 'Bad_Name' }],
  ['create eu', 'root', 'CreateBucket', { Bucket: 'eq-eu', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }],
  ['head bucket', 'root', 'HeadBucket', { Bucket: 'eq-bucket' }],
  ['head missing bucket', 'root', 'HeadBucket', { Bucket: 'eq-missing' }],
  ['list buckets', 'root', 'ListBuckets', {}, (o, c) => c.set('owner', o.Owner)],
  ...KEYS.map((Key, i): Step => ['put ' + Key, 'root', 'PutObject', { Bucket: 'eq-bucket', Key, Body: `body ${i} ${Key}`, ContentType: 'text/plain', Metadata: { Owner: 'me', 'x-Mixed': 'V a l' } }]),
  ['put empty', 'root', 'PutObject', { Bucket: 'eq-bucket', Key: 'empty', Body: '' }],
  ['put expires', 'root', 'PutObject', { Bucket: 'eq-bucket', Key: 'expires', Body: 'e', Expires: new Date('2030-01-02T03:04:05Z'), CacheControl: 'max-age=60', ContentDisposition: 'attachment', ContentLanguage: 'en', StorageClass: 'STANDARD_IA', ServerSideEncryption: 'AES256' }],
  ['head expires', 'root', 'HeadObject', { Bucket: 'eq-bucket', Key: 'expires' }],
  ['put no body', 'root', 'PutObject', { Bucket: 'eq-bucket', Key: 'nobody' }],
  ['put bytes sha256', 'root', 'PutObject', { Bucket: 'eq-bucket', Key: 'bytes', Body: new Uint8Array([0, 1, 2, 255]), ChecksumAlgorithm: 'SHA256' }],
  ['put crc32c tagged', 'root', 'PutObject', { Bucket: 'eq-bucket', Key: 'tagged', Body: 'x', ChecksumAlgorithm: 'CRC32C', Tagging: 'a=1&b=two%20words' }],
  ['put bad md5', 'root', 'PutObject', { Bucket: 'eq-bucket', Key: 'md5', Body: 'x', ContentMD5: '1B2M2Y8AsgTpgAmY7PhCfg==' }],
  ...KEYS.map((Key): Step => ['get ' + Key, 'root', 'GetObject', { Bucket: 'eq-bucket', Key }]),
  ...KEYS.map((Key): Step => ['head ' + Key, 'root', 'HeadObject', { Bucket: 'eq-bucket', Key }]),
  ['get empty', 'root', 'GetObject', { Bucket: 'eq-bucket', Key: 'empty' }],
  ['get range', 'root', 'GetObject', { Bucket: 'eq-bucket', Key: 'plain.txt', Range: 'bytes=1-3' }],
  ['get checksum', 'root', 'GetObject', { Bucket: 'eq-bucket', Key: 'bytes', ChecksumMode: 'ENABLED' }],
  ['get if-none-match', 'root', 'GetObject', { Bucket: 'eq-bucket', Key: 'empty', IfNoneMatch: '"d41d8cd98f00b204e9800998ecf8427e"' }],
  ['get missing', 'root', 'GetObject', { Bucket: 'eq-bucket', Key: 'missing' }],
  ['get missing bucket', 'root', 'GetObject', { Bucket: 'eq-missing', Key: 'k' }],
  ['head missing', 'root', 'HeadObject', { Bucket: 'eq-bucket', Key: 'missing' }],
  ['list v2', 'root', 'ListObjectsV2', { Bucket: 'eq-bucket' }],
  ['list v2 delimiter', 'root', 'ListObjectsV2', { Bucket: 'eq-bucket', Delimiter: '/', Prefix: '' }],
  ['list v2 page 1', 'root', 'ListObjectsV2', { Bucket: 'eq-bucket', MaxKeys: 2 }, (o, c) => c.set('token', o.NextContinuationToken)],
  ['list v2 page 2', 'root', 'ListObjectsV2', (c) => ({ Bucket: 'eq-bucket', MaxKeys: 2, ContinuationToken: c.get('token'), FetchOwner: true })],
  ['list v2 url', 'root', 'ListObjectsV2', { Bucket: 'eq-bucket', EncodingType: 'url', StartAfter: 'a' }],
  ['list v1', 'root', 'ListObjects', { Bucket: 'eq-bucket', MaxKeys: 3 }],
  ['list missing', 'root', 'ListObjectsV2', { Bucket: 'eq-missing' }],
  ['tag', 'root', 'PutObjectTagging', { Bucket: 'eq-bucket', Key: 'plain.txt', Tagging: { TagSet: [{ Key: 'k 1', Value: 'v&1' }, { Key: 'k2', Value: '' }] } }],
  ['get tags', 'root', 'GetObjectTagging', { Bucket: 'eq-bucket', Key: 'plain.txt' }],
  ['get no tags', 'root', 'GetObjectTagging', { Bucket: 'eq-bucket', Key: 'empty' }],
  ['tag missing', 'root', 'PutObjectTagging', { Bucket: 'eq-bucket', Key: 'missing', Tagging: { TagSet: [] } }],
  ['copy', 'root', 'CopyObject', { Bucket: 'eq-bucket', Key: 'copy', CopySource: 'eq-bucket/plain.txt', MetadataDirective: 'REPLACE', Metadata: { New: '1' } }],
  ['copy encoded', 'root', 'CopyObject', { Bucket: 'eq-bucket', Key: 'copy2', CopySource: `eq-bucket/${encodeURIComponent('with space/and+plus.txt')}` }],
  ['copy missing', 'root', 'CopyObject', { Bucket: 'eq-bucket', Key: 'copy3', CopySource: 'eq-bucket/missing' }],
  ['no policy', 'root', 'GetBucketPolicy', { Bucket: 'eq-bucket' }],
  ['pab', 'root', 'GetPublicAccessBlock', { Bucket: 'eq-bucket' }],
  ['public policy refused', 'root', 'PutBucketPolicy', { Bucket: 'eq-bucket', Policy: POLICY('eq-bucket', '*') }],
  ['bad policy', 'root', 'PutBucketPolicy', { Bucket: 'eq-bucket', Policy: '{"Version":"2012-10-17","Statement":[]}' }],
  ['open pab', 'root', 'PutPublicAccessBlock', { Bucket: 'eq-bucket', PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false } }],
  ['pab after', 'root', 'GetPublicAccessBlock', { Bucket: 'eq-bucket' }],
  ['grant user', 'root', 'PutBucketPolicy', { Bucket: 'eq-bucket', Policy: POLICY('eq-bucket', 'arn:aws:iam::123456789012:user/grantee') }],
  ['get policy', 'root', 'GetBucketPolicy', { Bucket: 'eq-bucket' }],
  ['grantee reads', 'grantee', 'GetObject', { Bucket: 'eq-bucket', Key: 'plain.txt' }],
  ['grantee lists', 'grantee', 'ListObjectsV2', { Bucket: 'eq-bucket', Prefix: 'with' }],
  ['grantee heads missing', 'grantee', 'HeadObject', { Bucket: 'eq-bucket', Key: 'missing' }],
  ['grantee may not write', 'grantee', 'PutObject', { Bucket: 'eq-bucket', Key: 'x', Body: 'x' }],
  ['grantee may not list buckets', 'grantee', 'ListBuckets', {}],
  ['nobody denied', 'nobody', 'GetObject', { Bucket: 'eq-bucket', Key: 'plain.txt' }],
  ['nobody head denied', 'nobody', 'HeadObject', { Bucket: 'eq-bucket', Key: 'plain.txt' }],
  ['nobody head bucket', 'nobody', 'HeadBucket', { Bucket: 'eq-bucket' }],
  ['nobody delete', 'nobody', 'DeleteObjects', { Bucket: 'eq-bucket', Delete: { Objects: [{ Key: 'plain.txt' }] } }],
  ['unknown key', 'stranger', 'ListBuckets', {}],
  ['unknown key get', 'stranger', 'GetObject', { Bucket: 'eq-bucket', Key: 'plain.txt' }],
  ['unknown key head', 'stranger', 'HeadObject', { Bucket: 'eq-bucket', Key: 'plain.txt' }],
  ['wrong region', 'root', 'GetObject', { Bucket: 'eq-eu', Key: 'k' }],
  ['wrong region head', 'root', 'HeadBucket', { Bucket: 'eq-eu' }],
  ['versioning none', 'root', 'GetBucketVersioning', { Bucket: 'eq-bucket' }],
  ['versioning on', 'root', 'PutBucketVersioning', { Bucket: 'eq-bucket', VersioningConfiguration: { Status: 'Enabled' } }],
  ['versioning', 'root', 'GetBucketVersioning', { Bucket: 'eq-bucket' }],
  ['v2', 'root', 'PutObject', { Bucket: 'eq-bucket', Key: 'plain.txt', Body: 'second' }, (o, c) => c.set('v2', o.VersionId)],
  ['delete current', 'root', 'DeleteObject', { Bucket: 'eq-bucket', Key: 'plain.txt' }],
  ['get deleted', 'root', 'GetObject', { Bucket: 'eq-bucket', Key: 'plain.txt' }],
  ['head deleted', 'root', 'HeadObject', { Bucket: 'eq-bucket', Key: 'plain.txt' }],
  ['get version', 'root', 'GetObject', (c) => ({ Bucket: 'eq-bucket', Key: 'plain.txt', VersionId: c.get('v2') })],
  ['versions', 'root', 'ListObjectVersions', { Bucket: 'eq-bucket', Prefix: 'plain' }],
  ['versions page', 'root', 'ListObjectVersions', { Bucket: 'eq-bucket', MaxKeys: 1 }],
  ['bad version', 'root', 'GetObject', { Bucket: 'eq-bucket', Key: 'plain.txt', VersionId: 'nope' }],
  ['delete objects', 'root', 'DeleteObjects', { Bucket: 'eq-bucket', Delete: { Objects: [{ Key: 'empty' }, { Key: 'never-was' }, { Key: 'odd&<chars>"\'.txt' }] } }],
  ['delete objects quiet', 'root', 'DeleteObjects', { Bucket: 'eq-bucket', Delete: { Quiet: true, Objects: [{ Key: 'tagged' }, { Key: 'bytes', VersionId: 'not-a-version' }] } }],
  ['delete objects empty', 'root', 'DeleteObjects', { Bucket: 'eq-bucket', Delete: { Objects: [] } }],
  ['multipart', 'root', 'CreateMultipartUpload', { Bucket: 'eq-bucket', Key: 'big', Metadata: { m: '1' } }, (o, c) => c.set('upload', o.UploadId)],
  ['part', 'root', 'UploadPart', (c) => ({ Bucket: 'eq-bucket', Key: 'big', UploadId: c.get('upload'), PartNumber: 1, Body: 'part one' }), (o, c) => c.set('etag', o.ETag)],
  ['parts', 'root', 'ListParts', (c) => ({ Bucket: 'eq-bucket', Key: 'big', UploadId: c.get('upload') })],
  ['uploads', 'root', 'ListMultipartUploads', { Bucket: 'eq-bucket' }],
  ['complete', 'root', 'CompleteMultipartUpload', (c) => ({ Bucket: 'eq-bucket', Key: 'big', UploadId: c.get('upload'), MultipartUpload: { Parts: [{ PartNumber: 1, ETag: c.get('etag') }] } })],
  ['get assembled', 'root', 'GetObject', { Bucket: 'eq-bucket', Key: 'big' }],
  ['abort missing', 'root', 'AbortMultipartUpload', { Bucket: 'eq-bucket', Key: 'big', UploadId: 'nope' }],
  ['ownership off', 'root', 'PutBucketOwnershipControls', { Bucket: 'eq-bucket', OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] } }],
  ['canned acl', 'root', 'PutObjectAcl', { Bucket: 'eq-bucket', Key: 'copy', ACL: 'bucket-owner-full-control' }],
  ['public acl blocked', 'root', 'PutObjectAcl', { Bucket: 'eq-bucket', Key: 'copy', ACL: 'public-read' }],
  ['grant acl', 'root', 'PutBucketAcl', (c) => ({ Bucket: 'eq-bucket', AccessControlPolicy: { Owner: c.get('owner'), Grants: [{ Grantee: { Type: 'CanonicalUser', ID: (c.get('owner') as { ID: string }).ID }, Permission: 'FULL_CONTROL' }, { Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' }] } })],
  ['grant header', 'root', 'PutObjectAcl', { Bucket: 'eq-bucket', Key: 'copy', GrantRead: 'uri="http://acs.amazonaws.com/groups/global/AllUsers"' }],
  ['encrypt', 'root', 'PutBucketEncryption', { Bucket: 'eq-bucket', ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: true }] } }],
  ['encryption after', 'root', 'GetBucketEncryption', { Bucket: 'eq-bucket' }],
  ['acl', 'root', 'GetBucketAcl', { Bucket: 'eq-bucket' }],
  ['object acl', 'root', 'GetObjectAcl', { Bucket: 'eq-bucket', Key: 'copy' }],
  ['ownership', 'root', 'GetBucketOwnershipControls', { Bucket: 'eq-bucket' }],
  ['location', 'root', 'GetBucketLocation', { Bucket: 'eq-eu' }],
  ['location us', 'root', 'GetBucketLocation', { Bucket: 'eq-bucket' }],
  ['encryption', 'root', 'GetBucketEncryption', { Bucket: 'eq-bucket' }],
  ['policy status', 'root', 'GetBucketPolicyStatus', { Bucket: 'eq-bucket' }],
  ['bucket tags none', 'root', 'GetBucketTagging', { Bucket: 'eq-bucket' }],
  ['bucket tags', 'root', 'PutBucketTagging', { Bucket: 'eq-bucket', Tagging: { TagSet: [{ Key: 'team', Value: 'a' }] } }],
  ['bucket tags after', 'root', 'GetBucketTagging', { Bucket: 'eq-bucket' }],
  ['cors none', 'root', 'GetBucketCors', { Bucket: 'eq-bucket' }],
  ['cors', 'root', 'PutBucketCors', { Bucket: 'eq-bucket', CORSConfiguration: { CORSRules: [{ AllowedMethods: ['GET', 'PUT'], AllowedOrigins: ['*'], MaxAgeSeconds: 30 }] } }],
  ['cors after', 'root', 'GetBucketCors', { Bucket: 'eq-bucket' }],
  ['delete policy', 'root', 'DeleteBucketPolicy', { Bucket: 'eq-bucket' }],
  ['delete pab', 'root', 'DeletePublicAccessBlock', { Bucket: 'eq-bucket' }],
  ['pab gone', 'root', 'GetPublicAccessBlock', { Bucket: 'eq-bucket' }],
  ['delete full bucket', 'root', 'DeleteBucket', { Bucket: 'eq-bucket' }],
  ['delete eu', 'root', 'DeleteBucket', { Bucket: 'eq-eu' }],
  ['delete missing', 'root', 'DeleteBucket', { Bucket: 'eq-never' }],
  ['session lists', 'session', 'ListBuckets', {}],
  // Last: the clock moves past the session's end (and 16 minutes ahead of the SDK's signing time).
  ['expired session', 'session', 'ListBuckets', {}],
]

const START = Math.floor(Date.now() / 1000) * 1000

/** Play the script on a fresh emulator, every S3 call made `path`'s way; the answers in order. */
async function play(path: 'sdk' | 'direct'): Promise<{ answers: Array<[string, unknown]>; inProcess: number; log: unknown[]; lastUsed: unknown }> {
  const log: unknown[] = []
  // One start for both plays, near the real time the SDK signs with (within S3's 15-minute skew).
  let now = START
  const em = createEmulator({ clock: { now: () => now }, onRequest: ({ ms: _ms, ...entry }) => void (entry.service === 's3' && log.push(entry)) })
  const root = clientsFor(em, em.root, 'direct')
  // IAM and STS in process (their equivalence is embedded-direct.test.ts's).
  const user = async (name: string) => {
    await root.call('iam', 'CreateUser', { UserName: name })
    const key = await root.call('iam', 'CreateAccessKey', { UserName: name })
    return { accessKeyId: key.AccessKey!.AccessKeyId!, secretAccessKey: key.AccessKey!.SecretAccessKey! }
  }
  const grantee = await user('grantee')
  const nobody = await user('nobody')
  await root.call('iam', 'CreateRole', { RoleName: 'reader', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' }] }) })
  await root.call('iam', 'AttachRolePolicy', { RoleName: 'reader', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' })
  const roler = await user('roler')
  await root.call('iam', 'PutUserPolicy', { UserName: 'roler', PolicyName: 'assume', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] }) })
  const assumed = await clientsFor(em, roler, 'direct').call('sts', 'AssumeRole', { RoleArn: 'arn:aws:iam::123456789012:role/reader', RoleSessionName: 'sess', DurationSeconds: 900 })
  const c = assumed.Credentials!
  const as: Record<string, AwsClients> = {
    root: clientsFor(em, em.root, path),
    grantee: clientsFor(em, grantee, path),
    nobody: clientsFor(em, nobody, path),
    stranger: clientsFor(em, { accessKeyId: 'AKIAIOSFODNN7NOTREAL', secretAccessKey: 'x'.repeat(40) }, path),
    session: clientsFor(em, { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! }, path),
  }
  const ctx = new Map<string, unknown>()
  const out: Array<[string, unknown]> = []
  for (const [label, who, operation, input, keep] of STEPS) {
    if (label === 'expired session') now += 16 * 60 * 1000
    now += 1000
    const given = typeof input === 'function' ? input(ctx) : input
    const call = (as[who]!.call as (s: 's3', o: string, i: Record<string, unknown>) => Promise<Record<string, unknown>>)('s3', operation, given)
    if (keep) {
      const result = await call.catch((e: unknown) => e)
      if (!(result instanceof Error)) keep(result as Record<string, unknown>, ctx)
      out.push([label, await answer(result instanceof Error ? Promise.reject(result) : Promise.resolve(result))])
    } else out.push([label, await answer(call)])
  }
  const lastUsed = await root.call('iam', 'GetAccessKeyLastUsed', { AccessKeyId: grantee.accessKeyId })
  return { answers: out, inProcess: inProcess.get(em) ?? 0, log, lastUsed: stable(lastUsed.AccessKeyLastUsed) }
}

describe('the embedded in-process S3 path', () => {
  it('answers every S3 operation the actions use as the SDK does: outputs, errors, callers, edge inputs', async () => {
    const viaSdk = await play('sdk')
    const viaDirect = await play('direct')
    // Every S3 call of the direct play was answered in process, none of the SDK play's.
    expect(viaSdk.inProcess).toBe(0)
    expect(viaDirect.inProcess).toBe(STEPS.length)
    // The emulator saw the same requests: its request log (method, action, principal, key,
    // decision, error code, status) and the keys' last use.
    expect(stable(viaDirect.log)).toStrictEqual(stable(viaSdk.log))
    expect(viaDirect.log.length).toBe(STEPS.length)
    expect(viaDirect.lastUsed).toStrictEqual(viaSdk.lastUsed)
    expect(viaDirect.lastUsed).toMatchObject({ ServiceName: 's3' })
    const sdk = viaSdk.answers
    const direct = viaDirect.answers
    expect(direct.length).toBe(STEPS.length)
    for (let i = 0; i < sdk.length; i++) expect(direct[i], sdk[i]![0]).toStrictEqual(sdk[i])
    // The script means something: successes, modelled and unmodelled errors, HEAD errors.
    const kinds = direct.map(([, a]) => Object.keys(a as object)[0])
    expect(kinds.filter((k) => k === 'ok').length).toBeGreaterThan(40)
    expect(kinds.filter((k) => k === 'error').length).toBeGreaterThan(20)
  })

  it('sends the request the SDK sends: greedy keys, sub-resources, metadata, checksums', () => {
    const put = toWireRequest('PutObject', { Bucket: 'b', Key: 'a b/c+d%e/ü', Body: 'hello', Metadata: { Foo: 'bar' }, Tagging: 'a=b' })
    expect(put).toMatchObject({ method: 'PUT', rawPath: '/b/a%20b/c%2Bd%25e/%C3%BC', query: [] })
    expect({ ...put.headers }).toStrictEqual({ 'x-amz-meta-foo': 'bar', 'x-amz-tagging': 'a=b', 'content-type': 'application/octet-stream', 'content-length': '5' })
    const del = toWireRequest('DeleteObjects', { Bucket: 'b', Delete: { Objects: [{ Key: 'k2' }, { Key: 'zz' }], Quiet: false } })
    expect(del.rawPath).toBe('/b/')
    expect(del.query).toStrictEqual([['delete', '']])
    // The body and CRC32 the SDK sent for this input (recorded from @aws-sdk/client-s3 3.1172).
    expect(Buffer.from(del.body).toString()).toBe('<?xml version="1.0" encoding="UTF-8"?><Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Object><Key>k2</Key></Object><Object><Key>zz</Key></Object><Quiet>false</Quiet></Delete>')
    expect({ ...del.headers }).toStrictEqual({ 'content-type': 'application/xml', 'content-length': '183', 'x-amz-sdk-checksum-algorithm': 'CRC32', 'x-amz-checksum-crc32': 'j8Uo3w==' })
    const policy = toWireRequest('PutBucketPolicy', { Bucket: 'b', Policy: '{"Version":"2012-10-17","Statement":[]}' })
    expect({ ...policy.headers }).toStrictEqual({ 'content-type': 'text/plain', 'content-length': '39', 'x-amz-sdk-checksum-algorithm': 'CRC32', 'x-amz-checksum-crc32': 'R/qaEw==' })
    expect(toWireRequest('ListObjectsV2', { Bucket: 'b', MaxKeys: 1 })).toMatchObject({ method: 'GET', rawPath: '/b/', query: [['list-type', '2'], ['max-keys', '1']] })
    expect(toWireRequest('ListBuckets', {})).toMatchObject({ method: 'GET', rawPath: '/', query: [] })
  })

  it('leaves to the SDK what it cannot write as the SDK does', () => {
    const em = createEmulator()
    const direct = directHandler(em)!
    expect(direct.handles('s3', 'GetObject', { Bucket: 'b', Key: 'k' })).toBe(true)
    expect(direct.handles('s3', 'PutObject', { Bucket: 'b', Key: 'k', Body: 'x', ChecksumAlgorithm: 'CRC64NVME' })).toBe(false)
    expect(direct.handles('s3', 'PutObject', { Bucket: 'b', Key: 'k', Body: new Blob(['x']) })).toBe(false)
    expect(direct.handles('s3', 'SelectObjectContent', {})).toBe(false)
    expect(direct.handles('s3', 'GetObject', { Bucket: 'b', Key: 'k', SSECustomerAlgorithm: 'AES256', SSECustomerKey: 'k'.repeat(32) })).toBe(false)
  })

  it('creates a bucket in the client\'s region as the SDK does outside us-east-1', async () => {
    const answers: unknown[] = []
    for (const path of ['sdk', 'direct'] as const) {
      const em = createEmulator({ region: 'eu-west-1' })
      const handle = CredentialHandle.seal('t', em.root)
      const base = { kind: 'embedded' as const, region: 'eu-west-1', endpoint: 'http://localhost:4566', requestHandler: createInMemoryHandler(em, META), maxAttempts: 1 }
      const c = new ClientFactory(path === 'direct' ? { ...base, direct: { transport: directHandler(em)!, meta: META } } : base, handle).clientsFor()
      const input = { Bucket: 'eu-bucket' }
      const made = await answer(c.call('s3', 'CreateBucket', input))
      // The SDK writes the constraint into the caller's input; so does the direct path.
      expect(input).toStrictEqual({ Bucket: 'eu-bucket', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } })
      answers.push([made, await answer(c.call('s3', 'GetBucketLocation', { Bucket: 'eu-bucket' })), await answer(c.call('s3', 'CreateBucket', { Bucket: 'us-bucket', CreateBucketConfiguration: { LocationConstraint: 'us-west-2' } }))])
    }
    expect(answers[1]).toStrictEqual(answers[0])
    expect(JSON.stringify(answers[1])).toContain('"LocationConstraint":"eu-west-1"')
  })

  it('retries SlowDown and InternalError as the SDK does, fails alike when out of attempts, and stops on Ctrl-C', async () => {
    const em = createEmulator({ faults: { seed: 5, throttle: 0.3, internal: 0.2, services: ['s3'] } })
    const handle = CredentialHandle.seal('t', em.root)
    const clients = new ClientFactory({ kind: 'embedded', region: 'us-east-1', requestHandler: createInMemoryHandler(em, META), direct: { transport: directHandler(em)!, meta: META } }, handle).clientsFor()
    let retried = 0
    for (let i = 0; i < 10; i++) {
      const out = await clients.call('s3', 'ListBuckets', {})
      retried += out.$metadata.attempts! - 1
    }
    expect(retried).toBeGreaterThan(0)
    const controller = new AbortController()
    controller.abort()
    expect(toOutcome(await clients.call('s3', 'ListBuckets', {}, controller.signal).catch((e: unknown) => e))).toMatchObject({ kind: 'infra', aborted: true })
    // One attempt: the injected answers themselves, both ways.
    for (const code of ['SlowDown', 'InternalError', 'AccessDenied']) {
      const forced = createEmulator({ faults: { code, services: ['s3'] } })
      const viaSdk = await answer(clientsFor(forced, forced.root, 'sdk').call('s3', 'GetObject', { Bucket: 'some-bucket', Key: 'k' }))
      const viaDirect = await answer(clientsFor(forced, forced.root, 'direct').call('s3', 'GetObject', { Bucket: 'some-bucket', Key: 'k' }))
      expect(viaDirect, code).toStrictEqual(viaSdk)
      const head = await answer(clientsFor(forced, forced.root, 'direct').call('s3', 'HeadObject', { Bucket: 'some-bucket', Key: 'k' }))
      expect(head, code).toStrictEqual(await answer(clientsFor(forced, forced.root, 'sdk').call('s3', 'HeadObject', { Bucket: 'some-bucket', Key: 'k' })))
    }
  })

  it('keeps the bindings of exactly the operations the emulator serves', () => {
    expect(restXmlOperations().sort()).toStrictEqual(servedOperations().s3)
  })

  // Every lab both ways, with the S3 calls counted: embedded-direct.long.test.ts.
  it.each(['versioned-bucket-current-only.yaml', 'stale-access-key.yaml'])('runs %s exactly as over the SDK', async (file) => {
    const { direct, sdk, differences, status } = await bothWays(`scenarios/${file}`)
    expect(status).toBe('passed')
    expect(differences).toEqual([])
    expect(direct).toStrictEqual(sdk)
  })
})
