// A minimal AWS Query client straight onto `emulator.handle()`: signs with @smithy/signature-v4
// (node:crypto hashes) and builds a fetch Request, skipping the SDK's middleware. For bulk
// state building and for timing the emulator's own work.
import { createHash, createHmac } from 'node:crypto'
import { SignatureV4 } from '@smithy/signature-v4'
import { HttpRequest } from '@smithy/protocol-http'

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

const VERSIONS = { iam: '2010-05-08', sts: '2011-06-15' }

/**
 * `call(params)` sends one Query request (`{ Action, ...members }`) for `service` and resolves
 * with the response text; a non-2xx answer rejects with the AWS error text.
 */
export function queryClient(emulator, creds, service = 'iam') {
  const signer = new SignatureV4({ service, region: 'us-east-1', credentials: creds, sha256: NodeHash })
  const meta = { sourceIp: '127.0.0.1', secure: false, rawPath: '/' }
  return async function call(params) {
    const body = new URLSearchParams({ ...params, Version: VERSIONS[service] }).toString()
    const req = new HttpRequest({ method: 'POST', protocol: 'http:', hostname: 'localhost', port: 4566, path: '/', headers: { host: 'localhost:4566', 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body })
    const signed = await signer.sign(req)
    const res = await emulator.handle(new Request('http://localhost:4566/', { method: 'POST', headers: signed.headers, body }), meta)
    const text = await res.text()
    if (res.status >= 300) throw new Error(`${params.Action}: HTTP ${res.status} ${text.slice(0, 300)}`)
    return text
  }
}
