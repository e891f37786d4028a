import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto'
import type { STSClient } from '@aws-sdk/client-sts'
import type { HttpRequest } from '@smithy/protocol-http'
import type { Checksum, SourceData } from '@smithy/types'
import type { IamflowClient } from '../actions/define-action.js'
import type { DirectRoute } from './direct.js'
import { DECISION_HEADER } from './errors.js'

/**
 * Calls to iamflow's own operations on the emulator's STS endpoint (`IamflowIssueOidcToken`):
 * no SDK knows them, so the request is built, SigV4-signed with the acting identity's
 * credentials and sent through the STS client's own transport (the in-memory handler of the
 * embedded emulator, or HTTP to `iamflow serve`). Errors come back shaped like the SDK's, so
 * `toOutcome` reads them as any AWS answer.
 */


/** Largest response read (a token is at most a few KB). */
const MAX_RESPONSE_BYTES = 1024 * 1024
/** Attempts per call against a local target (as the SDK clients there: src/aws/clients.ts). */
const MAX_ATTEMPTS = 10

class Sha256 implements Checksum {
  private hash: Hash | Hmac
  constructor(private readonly secret?: SourceData) {
    this.hash = this.fresh()
  }
  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', Buffer.from(this.secret as Uint8Array | string))
  }
  update(data: Uint8Array): void {
    this.hash.update(data)
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest())
  }
  reset(): void {
    this.hash = this.fresh()
  }
}

const unescapeXml = (s: string): string =>
  s.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-fA-F]+);/g, (_m, e: string) => {
    if (e === 'lt') return '<'
    if (e === 'gt') return '>'
    if (e === 'quot') return '"'
    if (e === 'apos') return "'"
    if (e === 'amp') return '&'
    return String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
  })

/** The flat `<Name>text</Name>` children of `<tag>` in `xml`. */
function members(xml: string, tag: string): Record<string, string> {
  const out = Object.create(null) as Record<string, string>
  const inner = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(xml)?.[1] ?? ''
  for (const m of inner.matchAll(/<(\w+)>([^<]*)<\/\1>/g)) out[m[1]!] = unescapeXml(m[2]!)
  return out
}

async function readBody(body: unknown): Promise<string> {
  if (body === undefined || body === null) return ''
  if (typeof body === 'string') return body
  if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8')
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk)
    size += b.length
    if (size > MAX_RESPONSE_BYTES) throw new Error('the emulator answered more than 1 MiB')
    chunks.push(b)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * An IamflowClient answered by the embedded emulator in process (src/aws/direct.ts): the same
 * parameters, the same XML read the same way, the same errors and retries, nothing signed.
 */
export function iamflowDirectClient(route: DirectRoute, credentials: () => { accessKeyId: string; sessionToken?: string }, region: string, maxAttempts = MAX_ATTEMPTS): IamflowClient {
  return {
    async call(action, params, signal) {
      for (let attempt = 1; ; attempt++) {
        if (signal?.aborted) throw Object.assign(new Error('Request aborted'), { name: 'AbortError' })
        const answer = await route.transport.callOwn({ action, params, credentials: credentials(), region }, route.meta)
        const $metadata = { httpStatusCode: answer.ok ? 200 : answer.status, requestId: answer.requestId }
        if (answer.ok) return Object.assign(members(answer.xml, `${action}Result`), { $metadata }) as Record<string, string>
        const headers: Record<string, string> = { 'x-amzn-requestid': answer.requestId }
        if (answer.decision !== undefined) headers[DECISION_HEADER] = answer.decision
        const $response = { statusCode: answer.status, headers }
        const err = Object.assign(new Error(answer.message || answer.code), { name: answer.code, Code: answer.code, $metadata, $response })
        const transient = answer.status >= 500 || answer.code === 'Throttling' || answer.code === 'ThrottlingException'
        if (!transient || attempt >= maxAttempts || signal?.aborted) throw err
        await new Promise((r) => setTimeout(r, Math.round(Math.random() * Math.min(1000, 20 * 2 ** attempt))))
      }
    },
  }
}

/** An IamflowClient that sends through `sts()`'s transport to `endpoint`. */
export function iamflowClient(sts: () => STSClient | Promise<STSClient>, endpoint: string, maxAttempts = MAX_ATTEMPTS): IamflowClient {
  return {
    // Throttling and 5xx (the emulator's fault injection) are retried as the SDK clients retry them.
    async call(action, params, signal) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await callOnce(await sts(), endpoint, action, params, signal)
        } catch (err) {
          const e = err as { Code?: string; $metadata?: { httpStatusCode?: number } }
          const transient = (e.$metadata?.httpStatusCode ?? 0) >= 500 || e.Code === 'Throttling' || e.Code === 'ThrottlingException'
          if (!transient || attempt >= maxAttempts || signal?.aborted) throw err
          await new Promise((r) => setTimeout(r, Math.round(Math.random() * Math.min(1000, 20 * 2 ** attempt))))
        }
      }
    },
  }
}

let signing: Promise<[typeof import('@smithy/protocol-http'), typeof import('@smithy/signature-v4')]> | undefined

async function callOnce(client: STSClient, endpoint: string, action: string, params: Record<string, string>, signal?: AbortSignal): Promise<Record<string, string>> {
  const config = client.config as unknown as {
    credentials: () => Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string }>
    region: () => Promise<string>
    requestHandler: { handle(req: HttpRequest, opts?: { abortSignal?: AbortSignal }): Promise<{ response: { statusCode: number; headers: Record<string, string>; body: unknown } }> }
  }
  // Loaded with the first call (iamflow's own operations only), not at start-up.
  const [{ HttpRequest }, { SignatureV4 }] = await (signing ??= Promise.all([import('@smithy/protocol-http'), import('@smithy/signature-v4')]))
  const url = new URL(endpoint)
  const body = new URLSearchParams({ Action: action, Version: '2011-06-15', ...params }).toString()
  const request = new HttpRequest({
    method: 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path: '/',
    headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body,
  })
  const signer = new SignatureV4({ service: 'sts', region: await config.region(), credentials: config.credentials, sha256: Sha256 })
  const signed = (await signer.sign(request)) as HttpRequest
  const { response } = await config.requestHandler.handle(signed, signal ? { abortSignal: signal } : {})
  const text = await readBody(response.body)
  const requestId = /<RequestId>([^<]*)<\/RequestId>/.exec(text)?.[1]
  const $metadata = { httpStatusCode: response.statusCode, ...(requestId ? { requestId } : {}) }
  if (response.statusCode >= 300) {
    const error = members(text, 'Error')
    const code = error.Code ?? `Http${response.statusCode}`
    throw Object.assign(new Error(error.Message ?? code), { name: code, Code: code, $metadata, $response: response })
  }
  return Object.assign(members(text, `${action}Result`), { $metadata }) as Record<string, string>
}
