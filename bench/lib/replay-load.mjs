// Server capacity without the client as the bottleneck (issue 19, item 1): one signed STS
// GetCallerIdentity (SigV4, valid 15 minutes) turned into raw HTTP/1.1 bytes, replayed by
// several client processes (bench/lib/replay-client.mjs) over keep-alive sockets.
import { createHash, createHmac } from 'node:crypto'
import { join } from 'node:path'
import { SignatureV4 } from '@smithy/signature-v4'
import { HttpRequest } from '@smithy/protocol-http'
import { runToEnd } from './children.mjs'

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

/** The bytes of one signed `POST / Action=GetCallerIdentity` to `url`, as the SDK would send it. */
export async function signedGetCallerIdentity(url, creds) {
  const u = new URL(url)
  const body = 'Action=GetCallerIdentity&Version=2011-06-15'
  const signer = new SignatureV4({ service: 'sts', region: 'us-east-1', credentials: creds, sha256: NodeHash })
  const req = new HttpRequest({
    method: 'POST',
    protocol: 'http:',
    hostname: u.hostname,
    port: Number(u.port),
    path: '/',
    headers: { host: u.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', 'content-length': String(Buffer.byteLength(body)) },
    body,
  })
  const signed = await signer.sign(req)
  const lines = ['POST / HTTP/1.1', ...Object.entries(signed.headers).map(([k, v]) => `${k}: ${v}`), 'connection: keep-alive']
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body}`, 'latin1')
}

/**
 * `processes` replay clients at once against `url`, each with `sockets` keep-alive sockets,
 * `count` requests each (or until `maxMs`). Totals: requests, errors, req/s over the longest
 * client's time, latency medians of the clients, client CPU per request.
 */
export async function replayRound(url, request, { processes = 2, sockets = 8, count, maxMs }) {
  const u = new URL(url)
  const spec = JSON.stringify({ host: u.hostname, port: Number(u.port), request: request.toString('base64'), sockets, count, maxMs })
  const outs = await Promise.all(
    Array.from({ length: processes }, async () => {
      const r = await runToEnd(process.execPath, [join(import.meta.dirname, 'replay-client.mjs')], { input: spec, timeoutMs: maxMs + 30_000 })
      if (r.code !== 0) throw new Error(`replay client exited ${r.code}: ${r.stderr.slice(-400)}`)
      return JSON.parse(r.stdout.trim().split('\n').pop())
    }),
  )
  const total = outs.reduce((a, o) => a + o.count, 0)
  const seconds = Math.max(...outs.map((o) => o.seconds))
  const sorted = (xs) => [...xs].sort((a, b) => a - b)
  const mid = (xs) => sorted(xs)[xs.length >> 1]
  return {
    count: total,
    errors: outs.reduce((a, o) => a + o.errors, 0),
    firstError: outs.find((o) => o.firstError)?.firstError,
    reconnects: outs.reduce((a, o) => a + o.reconnects, 0),
    seconds,
    rps: +(total / seconds).toFixed(1),
    p50Ms: mid(outs.map((o) => o.p50Ms)),
    p99Ms: Math.max(...outs.map((o) => o.p99Ms)),
    clientCpuMsPerCall: +(outs.reduce((a, o) => a + o.clientCpuMsPerCall * o.count, 0) / Math.max(1, total)).toFixed(4),
  }
}
