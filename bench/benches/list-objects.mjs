// 10. S3 ListObjectsV2 page time with 100k objects in the bucket versus 1k (issue 12, item 8:
// each page used to sort the whole bucket, 221 ms a page at 100k). Requests go straight to
// emulator.handle() (signed, no SDK). The
// baseline in the same run is the old listing (sort every key, then scan) over the same keys.
// A page is 100 keys from the middle of the bucket, so both buckets fill it.
import { HttpRequest } from '@smithy/protocol-http'
import { SignatureV4 } from '@smithy/signature-v4'
import { createHash, createHmac } from 'node:crypto'
import { median, round } from '../lib/stats.mjs'

/** "Independent of the bucket's size": a page with 100x more objects may cost at most this factor. */
const FLAT_FACTOR = 1.5
const ROOT = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }

class NodeHash {
  constructor(secret) {
    this.h = secret ? createHmac('sha256', secret) : createHash('sha256')
  }
  update(data) {
    this.h.update(data)
  }
  async digest() {
    return new Uint8Array(this.h.digest())
  }
}

/** `call(method, path, query, body)` signed for S3 (UNSIGNED-PAYLOAD) straight onto emulator.handle. */
function s3Caller(emulator) {
  const signer = new SignatureV4({ service: 's3', region: 'us-east-1', credentials: ROOT, sha256: NodeHash, uriEscapePath: false, applyChecksum: false })
  return async (method, path, query = {}, body) => {
    const req = new HttpRequest({ method, protocol: 'http:', hostname: 'localhost', port: 4566, path, query, headers: { host: 'localhost:4566', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } })
    const signed = await signer.sign(req)
    const qs = new URLSearchParams(query).toString()
    const res = await emulator.handle(new Request(`http://localhost:4566${path}${qs ? `?${qs}` : ''}`, { method, headers: signed.headers, ...(body !== undefined ? { body } : {}) }), { rawPath: path })
    const text = await res.text()
    if (res.status >= 300) throw new Error(`${method} ${path}: HTTP ${res.status} ${text.slice(0, 300)}`)
    return text
  }
}

const keyOf = (i) => `logs/2025/${String(i).padStart(6, '0')}.json`

/**
 * Put `n` one-byte objects in a shuffled order (a sorted insertion order would flatter any
 * index). The bucket's policy lets anyone put objects, so the puts are unsigned (filling is
 * setup, not what is measured, and signing 100k requests would take most of the run).
 */
async function fill(emulator, call, bucket, n, deadline) {
  await call('PUT', `/${bucket}`)
  // New buckets block public policies (S3's default since April 2023, and the emulator's): lift
  // the bucket's Block Public Access so that the public-write policy below may be set.
  await call('DELETE', `/${bucket}`, { publicAccessBlock: '' })
  const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:PutObject', Resource: `arn:aws:s3:::${bucket}/*` }] }
  await call('PUT', `/${bucket}`, { policy: '' }, JSON.stringify(policy))
  for (let j = 0; j < n; j++) {
    if (performance.now() > deadline) throw new Error(`filling ${bucket} stopped at ${j} of ${n} (time limit)`)
    const i = (j * 7919) % n // 7919 is prime: a permutation
    const path = `/${bucket}/${keyOf(i)}`
    const res = await emulator.handle(new Request(`http://localhost:4566${path}`, { method: 'PUT', headers: { host: 'localhost:4566' }, body: 'x' }), { rawPath: path })
    if (res.status !== 200) throw new Error(`PUT ${path}: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`)
  }
}

/** Median ms of a ListObjectsV2 page of 100 keys starting from the middle of a bucket of `n`. */
async function pageMs(call, bucket, n, count) {
  const t = []
  const query = { 'list-type': '2', prefix: 'logs/', 'max-keys': '100', 'start-after': keyOf(Math.floor(n / 2)) }
  for (let i = 0; i < count; i++) {
    const t0 = performance.now()
    const xml = await call('GET', `/${bucket}`, query)
    t.push(performance.now() - t0)
    if (i === 0 && !xml.includes(`<Key>${keyOf(Math.floor(n / 2) + 1)}</Key>`)) throw new Error(`unexpected page of ${bucket}`)
  }
  return median(t)
}

/** The old listing's cost alone: sort every key of the bucket, then scan to the page. */
function oldSortMs(keys, count) {
  const t = []
  for (let i = 0; i < count; i++) {
    const t0 = performance.now()
    const sorted = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    const after = keyOf(Math.floor(keys.length / 2))
    let page = 0
    for (const k of sorted) if (k > after && page++ >= 100) break
    t.push(performance.now() - t0)
  }
  return median(t)
}

export async function run(ctx) {
  const big = ctx.pick({ full: 100_000, quick: 30_000, smoke: 400 })
  // A page of 100 from the middle must fit in the small bucket too.
  const small = Math.min(1_000, big / 2)
  const { createEmulator } = await ctx.dist('emulator/index.js')
  const emulator = createEmulator()
  const call = s3Caller(emulator)
  const t0 = performance.now()
  await fill(emulator, call, 'small-bucket', small, t0 + 60_000)
  await fill(emulator, call, 'big-bucket', big, t0 + 200_000)
  const fillSeconds = round((performance.now() - t0) / 1000, 1)
  const count = ctx.pick({ full: 30, quick: 15, smoke: 3 })
  await pageMs(call, 'small-bucket', small, count) // warm-up (JIT, the garbage of filling)
  await pageMs(call, 'big-bucket', big, count)
  // Alternate rounds so machine drift hits both sizes alike.
  const smallMs = []
  const bigMs = []
  for (let r = 0; r < 5; r++) {
    smallMs.push(await pageMs(call, 'small-bucket', small, count))
    bigMs.push(await pageMs(call, 'big-bucket', big, count))
  }
  const s = median(smallMs)
  const b = median(bigMs)
  const keys = Array.from({ length: big }, (_, j) => keyOf((j * 7919) % big))
  const old = oldSortMs(keys, ctx.pick({ full: 5, smoke: 2 }))
  return {
    figures: { objects: { small, big }, fillSeconds, pageMs: { [small]: round(s, 3), [big]: round(b, 3) }, ratio: round(b / s, 2), oldSortPerPageMs: round(old, 1) },
    checks: [
      ctx.check({ name: `ListObjectsV2 page of 100: ${big} objects / ${small}`, value: round(b / s, 2), unit: 'x', op: '<=', target: FLAT_FACTOR, baseline: `${round(s, 2)} ms with ${small}, ${round(b, 2)} ms with ${big}; sorting the bucket alone (the old way) ${round(old, 1)} ms per page` }),
    ],
    notes: ['a page is a binary search in the bucket\'s sorted key index plus the page itself (src/emulator/services/s3/list-objects.ts)'],
  }
}
