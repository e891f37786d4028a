import { createHash, createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createEmulator } from '../src/emulator/index.js'
import type { Creds } from './emulator-helpers.js'
import { FORM, form, signedRequest } from './emulator-signing.js'

/** The AWS error code, status and message of a response (Query or S3 XML). */
async function errorOf(res: Response) {
  const text = await res.text()
  const pick = (tag: string) => new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(text)?.[1]
  return { status: res.status, code: pick('Code'), message: pick('Message')?.replace(/&apos;/g, "'").replace(/&quot;/g, '"'), text }
}

const GCI = form('GetCallerIdentity', '2011-06-15')

function fixedClock(start = Date.UTC(2026, 5, 1, 12, 0, 0)) {
  const clock = { t: start, now: () => clock.t }
  return clock
}

/** An emulator with a user key, an assumed-role session and a bucket, on a fixed clock. */
async function world(opts: { consistencyDelayMs?: number } = {}) {
  const clock = fixedClock()
  const em = createEmulator({ clock, ...opts })
  const date = () => new Date(clock.t)
  const root = em.root
  const call = async (service: 'iam' | 'sts', body: string, creds: Creds = root) =>
    em.handle(await signedRequest({ service, body, headers: FORM, creds, date: date() }))
  const xml = async (res: Response) => await res.text()
  const pick = (text: string, tag: string) => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(text)![1]!
  await call('iam', form('CreateUser', '2010-05-08', { UserName: 'alice' }))
  const keyXml = await xml(await call('iam', form('CreateAccessKey', '2010-05-08', { UserName: 'alice' })))
  const alice = { accessKeyId: pick(keyXml, 'AccessKeyId'), secretAccessKey: pick(keyXml, 'SecretAccessKey') }
  const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:user/alice' }, Action: 'sts:AssumeRole' }] })
  await call('iam', form('CreateRole', '2010-05-08', { RoleName: 'R', AssumeRolePolicyDocument: trust }))
  clock.t += opts.consistencyDelayMs ?? 0
  const sessionXml = await xml(await call('sts', form('AssumeRole', '2011-06-15', { RoleArn: 'arn:aws:iam::123456789012:role/R', RoleSessionName: 'matrix', DurationSeconds: '900' }), alice))
  const session = { accessKeyId: pick(sessionXml, 'AccessKeyId'), secretAccessKey: pick(sessionXml, 'SecretAccessKey'), sessionToken: pick(sessionXml, 'SessionToken') }
  return { em, clock, date, root, alice, session, call }
}

describe('authentication failures, Query services (STS/IAM): AWS code, status, message', () => {
  it.each([
    {
      name: 'no authentication at all',
      req: async () => new Request('http://localhost:4566/', { method: 'POST', headers: FORM, body: GCI }),
      expect: { status: 403, code: 'MissingAuthenticationToken', message: 'Request is missing Authentication Token' },
    },
    {
      name: 'Authorization without Signature',
      req: async () =>
        new Request('http://localhost:4566/', {
          method: 'POST',
          headers: { ...FORM, 'x-amz-date': '20260601T120000Z', authorization: 'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260601/us-east-1/sts/aws4_request, SignedHeaders=host' },
          body: GCI,
        }),
      expect: {
        status: 400,
        code: 'IncompleteSignature',
        message:
          "Authorization header requires 'Signature' parameter. Authorization=AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260601/us-east-1/sts/aws4_request, SignedHeaders=host",
      },
    },
    {
      name: 'Authorization with a token that is not key=value',
      req: async () =>
        new Request('http://localhost:4566/', {
          method: 'POST',
          headers: { ...FORM, 'x-amz-date': '20260601T120000Z', authorization: 'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260601/us-east-1/sts/aws4_request, garbage' },
          body: GCI,
        }),
      expect: {
        status: 400,
        code: 'IncompleteSignature',
        message:
          "'garbage' not a valid key=value pair (missing equal-sign) in Authorization header: 'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260601/us-east-1/sts/aws4_request, garbage'.",
      },
    },
  ])('$name', async (c) => {
    const em = createEmulator({ clock: fixedClock() })
    const res = await em.handle(await c.req())
    expect(await errorOf(res)).toMatchObject(c.expect)
    expect(res.headers.get('content-type')).toBe('text/xml')
  })

  it('table: key, token, clock and signature failures', async () => {
    const w = await world()
    const stsWith = async (creds: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }, extra: { date?: Date; body?: string; region?: string } = {}) =>
      errorOf(await w.em.handle(await signedRequest({ service: 'sts', body: extra.body ?? GCI, headers: FORM, creds, date: extra.date ?? w.date(), ...(extra.region ? { region: extra.region } : {}) })))
    const invalid = { status: 403, code: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.' }
    const cases: Array<[string, () => Promise<unknown>, object]> = [
      ['unknown key', () => stsWith({ accessKeyId: 'AKIAUNKNOWNUNKNOWN22', secretAccessKey: w.root.secretAccessKey }), invalid],
      ['temporary key without its token', () => stsWith({ accessKeyId: w.session.accessKeyId, secretAccessKey: w.session.secretAccessKey }), invalid],
      ['temporary key with another token', () => stsWith({ ...w.session, sessionToken: `${w.session.sessionToken.slice(0, -4)}AAAA` }), invalid],
      ['long-term key with a session token', () => stsWith({ ...w.alice, sessionToken: w.session.sessionToken }), invalid],
      [
        'wrong secret',
        () => stsWith({ ...w.alice, secretAccessKey: 'x'.repeat(40) }),
        {
          status: 403,
          code: 'SignatureDoesNotMatch',
          message:
            'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
        },
      ],
      [
        'clock 16 minutes behind',
        () => stsWith(w.alice, { date: new Date(w.clock.t - 16 * 60_000) }),
        { status: 403, code: 'SignatureDoesNotMatch', message: 'Signature expired: 20260601T114400Z is now earlier than 20260601T114500Z (20260601T120000Z - 15 min.)' },
      ],
      [
        'clock 16 minutes ahead',
        () => stsWith(w.alice, { date: new Date(w.clock.t + 16 * 60_000) }),
        { status: 403, code: 'SignatureDoesNotMatch', message: 'Signature not yet current: 20260601T121600Z is still later than 20260601T121500Z (20260601T120000Z + 15 min.)' },
      ],
      ['clock 14 minutes behind is fine', async () => ({ ok: (await w.em.handle(await signedRequest({ service: 'sts', body: GCI, headers: FORM, creds: w.alice, date: new Date(w.clock.t - 14 * 60_000) }))).status }), { ok: 200 }],
      [
        "IAM's global endpoint scoped to another region",
        async () =>
          errorOf(await w.em.handle(await signedRequest({ service: 'iam', host: 'iam.amazonaws.com', region: 'eu-west-1', body: form('ListUsers', '2010-05-08'), headers: FORM, creds: w.root, date: w.date() }))),
        { status: 403, code: 'SignatureDoesNotMatch', message: "Credential should be scoped to a valid region, not 'eu-west-1'. " },
      ],
      [
        // A custom endpoint: the SDKs sign IAM with the client's region (issue 15 item 4).
        'IAM at a custom endpoint scoped to any region is fine',
        async () => ({ ok: (await w.em.handle(await signedRequest({ service: 'iam', region: 'eu-west-1', body: form('ListUsers', '2010-05-08'), headers: FORM, creds: w.root, date: w.date() }))).status }),
        { ok: 200 },
      ],
    ]
    for (const [name, run, expected] of cases) expect(await run(), name).toMatchObject(expected)
  })

  it('a body altered after signing is refused', async () => {
    const w = await world()
    const good = await signedRequest({ service: 'sts', body: GCI, headers: FORM, creds: w.alice, date: w.date() })
    const tampered = new Request(good.url, { method: 'POST', headers: good.headers, body: form('GetSessionToken', '2011-06-15') })
    expect(await errorOf(await w.em.handle(tampered))).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' })
  })

  it('expired session token: ExpiredToken (checked before clock skew)', async () => {
    const w = await world()
    w.clock.t += 901_000
    const res = await w.em.handle(await signedRequest({ service: 'sts', body: GCI, headers: FORM, creds: w.session, date: w.date() }))
    expect(await errorOf(res)).toMatchObject({ status: 403, code: 'ExpiredToken', message: 'The security token included in the request is expired' })
  })

  it('inactive keys, deleted users and keys not yet effective are unknown to AWS', async () => {
    const w = await world()
    await w.call('iam', form('UpdateAccessKey', '2010-05-08', { UserName: 'alice', AccessKeyId: w.alice.accessKeyId, Status: 'Inactive' }))
    const res = await w.em.handle(await signedRequest({ service: 'sts', body: GCI, headers: FORM, creds: w.alice, date: w.date() }))
    expect(await errorOf(res)).toMatchObject({ status: 403, code: 'InvalidClientTokenId' })

    const delayed = await world({ consistencyDelayMs: 8000 })
    const key = await (await delayed.call('iam', form('CreateAccessKey', '2010-05-08', { UserName: 'alice' }))).text()
    const fresh = { accessKeyId: /<AccessKeyId>([^<]+)/.exec(key)![1]!, secretAccessKey: /<SecretAccessKey>([^<]+)/.exec(key)![1]! }
    const early = await delayed.em.handle(await signedRequest({ service: 'sts', body: GCI, headers: FORM, creds: fresh, date: delayed.date() }))
    expect(await errorOf(early)).toMatchObject({ status: 403, code: 'InvalidClientTokenId' })
    delayed.clock.t += 8000
    const late = await delayed.em.handle(await signedRequest({ service: 'sts', body: GCI, headers: FORM, creds: fresh, date: delayed.date() }))
    expect(late.status).toBe(200)
  })

  it('presigned query authentication (GET ?Action=GetCallerIdentity) and its expiry', async () => {
    const w = await world()
    const req = await signedRequest({ service: 'sts', method: 'GET', query: { Action: 'GetCallerIdentity', Version: '2011-06-15' }, creds: w.alice, date: w.date(), presign: 60 })
    const ok = await w.em.handle(req)
    expect(ok.status).toBe(200)
    expect(await ok.text()).toContain('<Arn>arn:aws:iam::123456789012:user/alice</Arn>')
    w.clock.t += 61_000
    expect(await errorOf(await w.em.handle(await signedRequest({ service: 'sts', method: 'GET', query: { Action: 'GetCallerIdentity', Version: '2011-06-15' }, creds: w.alice, date: new Date(w.clock.t - 61_000), presign: 60 })))).toMatchObject({
      status: 400,
      code: 'RequestExpired',
    })
  })
})

describe('authentication failures, S3: AWS code, status, message and extra elements', () => {
  const list = (creds: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }, date: Date, extra: Partial<Parameters<typeof signedRequest>[0]> = {}) =>
    signedRequest({ service: 's3', method: 'GET', path: '/', creds, date, ...extra })

  it('table: anonymous, unknown key, bad signature, skew, tokens, payload hash', async () => {
    const w = await world()
    const anon = await errorOf(await w.em.handle(new Request('http://localhost:4566/')))
    expect(anon).toMatchObject({ status: 403, code: 'AccessDenied', message: 'Access Denied' })
    const unknown = await errorOf(await w.em.handle(await list({ accessKeyId: 'AKIAUNKNOWNUNKNOWN22', secretAccessKey: 'x'.repeat(40) }, w.date())))
    expect(unknown).toMatchObject({ status: 403, code: 'InvalidAccessKeyId', message: 'The AWS Access Key Id you provided does not exist in our records.' })
    expect(unknown.text).toContain('<AWSAccessKeyId>AKIAUNKNOWNUNKNOWN22</AWSAccessKeyId>')
    const bad = await errorOf(await w.em.handle(await list({ ...w.alice, secretAccessKey: 'x'.repeat(40) }, w.date())))
    expect(bad).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch', message: 'The request signature we calculated does not match the signature you provided. Check your key and signing method.' })
    expect(bad.text).toMatch(/<StringToSign>AWS4-HMAC-SHA256\n20260601T120000Z\n20260601\/us-east-1\/s3\/aws4_request\n[0-9a-f]{64}<\/StringToSign>/)
    expect(bad.text).toContain('<CanonicalRequest>GET\n/\n')
    const skew = await errorOf(await w.em.handle(await list(w.alice, new Date(w.clock.t - 20 * 60_000))))
    expect(skew).toMatchObject({ status: 403, code: 'RequestTimeTooSkewed', message: 'The difference between the request time and the current time is too large.' })
    expect(skew.text).toContain('<MaxAllowedSkewMilliseconds>900000</MaxAllowedSkewMilliseconds>')
    expect(skew.text).toContain('<RequestTime>20260601T114000Z</RequestTime>')
    const badSessionSig = await errorOf(await w.em.handle(await list({ ...w.session, secretAccessKey: 'x'.repeat(40) }, w.date())))
    expect(badSessionSig.code).toBe('SignatureDoesNotMatch')
    expect(badSessionSig.text).toContain('x-amz-security-token:&lt;redacted&gt;')
    expect(badSessionSig.text).not.toContain(w.session.sessionToken)
    const wrongToken = await errorOf(await w.em.handle(await list({ ...w.session, sessionToken: 'AAAA' + w.session.sessionToken.slice(4) }, w.date())))
    expect(wrongToken).toMatchObject({ status: 400, code: 'InvalidToken', message: 'The provided token is malformed or otherwise invalid.' })
    expect(wrongToken.text).not.toContain(w.session.sessionToken.slice(10, 40))
    const mismatch = await errorOf(
      await w.em.handle(await signedRequest({ service: 's3', method: 'PUT', path: '/b1', creds: w.root, date: w.date(), headers: { 'x-amz-content-sha256': createHash('sha256').update('other').digest('hex') }, body: 'x' })),
    )
    expect(mismatch).toMatchObject({ status: 400, code: 'XAmzContentSHA256Mismatch' })
    w.clock.t += 901_000
    const expired = await errorOf(await w.em.handle(await list(w.session, w.date())))
    expect(expired).toMatchObject({ status: 400, code: 'ExpiredToken', message: 'The provided token has expired.' })
  })

  it('presigned GET object: works, expires with AccessDenied "Request has expired", refuses X-Amz-Expires over a week', async () => {
    const w = await world()
    await w.em.handle(await signedRequest({ service: 's3', method: 'PUT', path: '/presign-bucket', creds: w.root, date: w.date() }))
    await w.em.handle(await signedRequest({ service: 's3', method: 'PUT', path: '/presign-bucket/k.txt', creds: w.root, date: w.date(), body: 'presigned!' }))
    const get = () => signedRequest({ service: 's3', method: 'GET', path: '/presign-bucket/k.txt', creds: w.root, date: w.date(), presign: 300, headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } })
    const req = await get()
    const ok = await w.em.handle(req)
    expect(ok.status).toBe(200)
    expect(await ok.text()).toBe('presigned!')
    w.clock.t += 301_000
    const late = await errorOf(await w.em.handle(new Request(req.url)))
    expect(late).toMatchObject({ status: 403, code: 'AccessDenied', message: 'Request has expired' })
    expect(late.text).toContain('<X-Amz-Expires>300</X-Amz-Expires>')
    const tooLong = new Request(req.url.replace('X-Amz-Expires=300', 'X-Amz-Expires=604801'))
    expect(await errorOf(await w.em.handle(tooLong))).toMatchObject({ status: 400, code: 'AuthorizationQueryParametersError', message: 'X-Amz-Expires must be less than a week (in seconds) that is 604800' })
  })

  it('signed aws-chunked upload (STREAMING-AWS4-HMAC-SHA256-PAYLOAD): chunk signatures verified, framing removed', async () => {
    const w = await world()
    await w.em.handle(await signedRequest({ service: 's3', method: 'PUT', path: '/chunk-bucket', creds: w.root, date: w.date() }))
    const amzDate = '20260601T120000Z'
    const scope = '20260601/us-east-1/s3/aws4_request'
    const headers = {
      'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
      'content-encoding': 'aws-chunked',
      'x-amz-decoded-content-length': '11',
    }
    const seedReq = await signedRequest({ service: 's3', method: 'PUT', path: '/chunk-bucket/c.txt', creds: w.root, date: w.date(), headers })
    const seed = /Signature=([0-9a-f]{64})/.exec(seedReq.headers.get('authorization')!)![1]!
    // Independent chunk-signature computation (S3 API Reference, "Signature calculations ... chunked upload").
    const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest()
    const kSigning = hmac(hmac(hmac(hmac(`AWS4${w.root.secretAccessKey}`, '20260601'), 'us-east-1'), 's3'), 'aws4_request')
    const sha = (s: string) => createHash('sha256').update(s).digest('hex')
    let previous = seed
    const chunk = (data: string) => {
      const sig = hmac(kSigning, ['AWS4-HMAC-SHA256-PAYLOAD', amzDate, scope, previous, sha(''), sha(data)].join('\n')).toString('hex')
      previous = sig
      return `${Buffer.byteLength(data).toString(16)};chunk-signature=${sig}\r\n${data}\r\n`
    }
    const body = chunk('hello ') + chunk('world') + chunk('')
    const put = await w.em.handle(new Request(seedReq.url, { method: 'PUT', headers: seedReq.headers, body }))
    expect(put.status).toBe(200)
    expect(put.headers.get('etag')).toBe(`"${createHash('md5').update('hello world').digest('hex')}"`)
    const tampered = body.replace('world', 'WORLD')
    const res = await w.em.handle(new Request(seedReq.url, { method: 'PUT', headers: seedReq.headers, body: tampered }))
    expect(await errorOf(res)).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' })
  })
})
