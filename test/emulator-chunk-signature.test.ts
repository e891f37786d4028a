import { createHash, createHmac } from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'

/**
 * aws-chunked chunk signatures are compared in constant time, like the request's own signature:
 * every comparison goes through node's `timingSafeEqual` (watched here), never `!==`, which
 * returns at the first differing character. Isolated (vitest.config.ts): it replaces node:crypto.
 */
const compared = vi.hoisted(() => ({ calls: [] as string[] }))
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>()
  return {
    ...real,
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      compared.calls.push(Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1'))
      return real.timingSafeEqual(a, b)
    },
  }
})

const { createEmulator } = await import('../src/emulator/index.js')
const { signedRequest } = await import('./emulator-signing.js')

async function codeOf(res: Response) {
  return { status: res.status, code: /<Code>([^<]*)<\/Code>/.exec(await res.text())?.[1] }
}

async function world() {
  const clock = { t: Date.UTC(2026, 5, 1, 12, 0, 0), now: () => clock.t }
  const em = createEmulator({ clock })
  const date = new Date(clock.t)
  await em.handle(await signedRequest({ service: 's3', method: 'PUT', path: '/chunk-bucket', creds: em.root, date }))
  const headers = { 'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': '11' }
  const seedReq = await signedRequest({ service: 's3', method: 'PUT', path: '/chunk-bucket/c.txt', creds: em.root, date, headers })
  const seed = /Signature=([0-9a-f]{64})/.exec(seedReq.headers.get('authorization')!)![1]!
  // Independent chunk signatures (S3 API Reference, "Signature calculations ... chunked upload").
  const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest()
  const kSigning = hmac(hmac(hmac(hmac(`AWS4${em.root.secretAccessKey}`, '20260601'), 'us-east-1'), 's3'), 'aws4_request')
  const sha = (s: string) => createHash('sha256').update(s).digest('hex')
  const signatures: string[] = []
  let previous = seed
  for (const data of ['hello ', 'world', '']) {
    previous = hmac(kSigning, ['AWS4-HMAC-SHA256-PAYLOAD', '20260601T120000Z', '20260601/us-east-1/s3/aws4_request', previous, sha(''), sha(data)].join('\n')).toString('hex')
    signatures.push(previous)
  }
  const frame = (sigs: Array<string | undefined>) =>
    ['hello ', 'world', ''].map((data, i) => `${Buffer.byteLength(data).toString(16)}${sigs[i] === undefined ? '' : `;chunk-signature=${sigs[i]}`}\r\n${data}\r\n`).join('')
  const put = (body: string) => em.handle(new Request(seedReq.url, { method: 'PUT', headers: seedReq.headers, body }))
  return { signatures, frame, put }
}

describe('aws-chunked chunk signatures', () => {
  it('are each compared with timingSafeEqual, and the upload is stored', async () => {
    const w = await world()
    compared.calls.length = 0
    const res = await w.put(w.frame(w.signatures))
    expect(res.status).toBe(200)
    // The request's signature, then each chunk's (the provided one is the second argument).
    for (const sig of w.signatures) expect(compared.calls).toContain(sig)
  })

  it('are refused when one differs in its last digit, in letter case, or is missing', async () => {
    const w = await world()
    const last = w.signatures[1]!
    const flipped = `${last.slice(0, 63)}${last[63] === '0' ? '1' : '0'}`
    for (const second of [flipped, last.toUpperCase(), undefined, '']) {
      compared.calls.length = 0
      const res = await w.put(w.frame([w.signatures[0], second, w.signatures[2]]))
      expect(await codeOf(res)).toEqual({ status: 403, code: 'SignatureDoesNotMatch' })
    }
    // A wrong first chunk stops at the first chunk.
    const res = await w.put(w.frame([w.signatures[1], w.signatures[1], w.signatures[2]]))
    expect(await codeOf(res)).toEqual({ status: 403, code: 'SignatureDoesNotMatch' })
  })
})
