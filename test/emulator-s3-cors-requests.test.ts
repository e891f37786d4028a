/**
 * CORS preflights and actual requests answered from the bucket's CORS configuration, with the
 * codes, texts and headers recorded from AWS (LocalStack test_s3_cors.snapshot.json:
 * test_cors_http_options_no_config, test_cors_http_options_non_existent_bucket,
 * test_cors_match_methods, test_cors_match_headers, test_put_cors_default_values,
 * test_cors_options_match_partial_origin, test_cors_expose_headers).
 */
import { CreateBucketCommand, DeletePublicAccessBlockCommand, PutBucketCorsCommand, PutBucketOwnershipControlsCommand, PutObjectAclCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import { describe, expect, it } from 'vitest'
import { createEmulator, type Emulator } from '../src/emulator/index.js'
import { clients } from './emulator-helpers.js'

const B = 'cors-bucket'
const ORIGIN = 'https://localhost:4200'
const NOT_ALLOWED =
  "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec."

const options = (em: Emulator, path: string, headers: Record<string, string>) => em.handle(new Request(`http://localhost:4566${path}`, { method: 'OPTIONS', headers }))
const accessControl = (res: Response) => Object.fromEntries([...res.headers.entries()].filter(([k]) => k.startsWith('access-control-') || k === 'vary'))

async function bucket(em: Emulator) {
  const { s3 } = clients(em, em.root, { forcePathStyle: true })
  await s3.send(new CreateBucketCommand({ Bucket: B }))
  await s3.send(new PutObjectCommand({ Bucket: B, Key: 'k', Body: 'test-cors' }))
  return s3
}

describe('S3 CORS requests (in memory)', () => {
  it('without a configuration: BadRequest without Origin, AccessForbidden with one; unknown bucket', async () => {
    const em = createEmulator()
    await bucket(em)
    const noOrigin = await options(em, `/${B}/k`, { 'access-control-request-method': 'GET' })
    expect(noOrigin.status).toBe(400)
    expect(await noOrigin.text()).toContain('<Code>BadRequest</Code><Message>Insufficient information. Origin request header needed.</Message>')
    const disabled = await options(em, `/${B}`, { origin: ORIGIN, 'access-control-request-method': 'PUT' })
    expect(disabled.status).toBe(403)
    expect(await disabled.text()).toContain('<Code>AccessForbidden</Code><Message>CORSResponse: CORS is not enabled for this bucket.</Message><Method>PUT</Method><ResourceType>BUCKET</ResourceType>')
    const missing = await options(em, '/no-such-bucket-here', { origin: ORIGIN })
    expect([missing.status, await missing.text()]).toEqual([403, expect.stringContaining('<Message>CORSResponse: Bucket not found</Message><Method>OPTIONS</Method><ResourceType>BUCKET</ResourceType>')])
  })

  it('a matching rule: the preflight and the actual request carry its headers; others are refused', async () => {
    const em = createEmulator()
    const s3 = await bucket(em)
    await s3.send(new PutBucketCorsCommand({
      Bucket: B,
      CORSConfiguration: {
        CORSRules: [
          { AllowedOrigins: [ORIGIN], AllowedMethods: ['GET'], AllowedHeaders: ['x-amz-request-payer', 'x-amz-expected-*'], MaxAgeSeconds: 3000 },
          { AllowedOrigins: ['http://*.origin.com'], AllowedMethods: ['GET', 'PUT'], ExposeHeaders: ['x-amz-request-id'] },
        ],
      },
    }))
    const pre = await options(em, `/${B}/k`, { origin: ORIGIN, 'access-control-request-method': 'GET', 'access-control-request-headers': 'X-Amz-Request-Payer,x-amz-expected-bucket-owner' })
    expect(pre.status).toBe(200)
    expect(accessControl(pre)).toEqual({
      'access-control-allow-credentials': 'true',
      'access-control-allow-headers': 'x-amz-request-payer, x-amz-expected-bucket-owner',
      'access-control-allow-methods': 'GET',
      'access-control-allow-origin': ORIGIN,
      'access-control-max-age': '3000',
      vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
    })
    const partial = await options(em, `/${B}`, { origin: 'http://test.origin.com', 'access-control-request-method': 'PUT' })
    expect(accessControl(partial)).toEqual({
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'GET, PUT',
      'access-control-allow-origin': 'http://test.origin.com',
      'access-control-expose-headers': 'x-amz-request-id',
      vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
    })
    for (const headers of <Array<Record<string, string>>>[
      { origin: 'https://other.example', 'access-control-request-method': 'GET' },
      { origin: ORIGIN, 'access-control-request-method': 'DELETE' },
      { origin: ORIGIN, 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-amz-acl' },
      { origin: 'http://origin.com', 'access-control-request-method': 'GET' },
    ]) {
      const refused = await options(em, `/${B}/k`, headers)
      expect(refused.status).toBe(403)
      expect(await refused.text()).toContain(`<Code>AccessForbidden</Code><Message>${NOT_ALLOWED.replace(/'/g, '&apos;')}</Message><Method>${headers['access-control-request-method']}</Method><ResourceType>OBJECT</ResourceType>`)
    }
    // An actual (here anonymous, public-read) request from a matching Origin gets the rule's
    // headers, without Allow-Headers; another Origin, or a method the rule lacks, gets none.
    await s3.send(new DeletePublicAccessBlockCommand({ Bucket: B }))
    await s3.send(new PutBucketOwnershipControlsCommand({ Bucket: B, OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] } }))
    await s3.send(new PutObjectAclCommand({ Bucket: B, Key: 'k', ACL: 'public-read' }))
    const get = (origin: string) => em.handle(new Request(`http://localhost:4566/${B}/k`, { headers: { origin } }))
    const actual = await get(ORIGIN)
    expect([actual.status, await actual.text()]).toEqual([200, 'test-cors'])
    expect(accessControl(actual)).toEqual({
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'GET',
      'access-control-allow-origin': ORIGIN,
      'access-control-max-age': '3000',
      vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
    })
    expect(accessControl(await get('https://other.example'))).toEqual({})
  })

  it('a wildcard origin answers `*`, without credentials', async () => {
    const em = createEmulator()
    const s3 = await bucket(em)
    await s3.send(new PutBucketCorsCommand({ Bucket: B, CORSConfiguration: { CORSRules: [{ AllowedOrigins: ['*'], AllowedMethods: ['GET'] }] } }))
    const pre = await options(em, `/${B}/k`, { origin: ORIGIN, 'access-control-request-method': 'GET' })
    expect(accessControl(pre)).toEqual({ 'access-control-allow-methods': 'GET', 'access-control-allow-origin': '*', vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method' })
  })
})

describe('S3 CORS through iamflow serve and its browser guard', () => {
  it('an origin not allowed with --allow-origin is refused first; an allowed one gets S3 answers for buckets, serve answers for the rest', async () => {
    const { startServer } = await import('../src/emulator/server.js')
    const em = createEmulator()
    const s3 = await bucket(em)
    await s3.send(new PutBucketCorsCommand({ Bucket: B, CORSConfiguration: { CORSRules: [{ AllowedOrigins: ['http://localhost:3000'], AllowedMethods: ['GET'] }] } }))
    const server = await startServer(em, { port: 0, host: '127.0.0.1', allowOrigins: ['http://localhost:3000'] })
    try {
      const pre = (path: string, origin: string, method = 'GET') => fetch(`${server.url}${path}`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': method } })
      // The guard: an origin the operator did not allow never reaches S3, whatever the bucket says.
      const foreign = await pre(`/${B}/k`, 'https://evil.example')
      expect([foreign.status, await foreign.text()]).toEqual([403, expect.stringContaining('Origin &apos;https://evil.example&apos; is not allowed')])
      // An allowed origin: the bucket's CORS rules decide its preflight...
      const ok = await pre(`/${B}/k`, 'http://localhost:3000')
      expect([ok.status, ok.headers.get('access-control-allow-methods'), ok.headers.get('access-control-allow-credentials')]).toEqual([200, 'GET', 'true'])
      const refused = await pre(`/${B}/k`, 'http://localhost:3000', 'PUT')
      expect([refused.status, await refused.text()]).toEqual([403, expect.stringContaining('<Code>AccessForbidden</Code>')])
      // ...while a preflight for the IAM/STS endpoint `/` is serve's own.
      const root = await pre('/', 'http://localhost:3000', 'POST')
      expect([root.status, root.headers.get('access-control-allow-methods')]).toEqual([200, 'GET, PUT, POST, DELETE, HEAD'])
    } finally {
      await server.close()
    }
  })
})
