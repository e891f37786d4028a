// Load generator: signed STS GetCallerIdentity with the AWS SDK v3 over keep-alive sockets,
// `concurrency` requests in flight, bounded by a call count and a time limit.
import http from 'node:http'
import { Readable } from 'node:stream'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import { quantile, round } from './stats.mjs'

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

/** An STS client for `url` on an agent of `sockets` keep-alive sockets. */
export function stsClient(url, creds, sockets = 16) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets })
  const handler = new NodeHttpHandler({ httpAgent: agent })
  const client = new STSClient({ region: 'us-east-1', endpoint: url, credentials: creds, requestHandler: handler, maxAttempts: 1 })
  return { client, agent, destroy: () => (client.destroy(), agent.destroy()) }
}

/**
 * One GetCallerIdentity answered by `url`, with the raw response captured (status, headers,
 * body bytes) for the bare baseline server to replay.
 */
export async function captureResponse(url, creds) {
  const inner = new NodeHttpHandler()
  let captured
  const handler = {
    metadata: inner.metadata,
    updateHttpClientConfig: () => {},
    httpHandlerConfigs: () => ({}),
    async handle(request, options) {
      const out = await inner.handle(request, options)
      const chunks = []
      for await (const c of out.response.body) chunks.push(Buffer.from(c))
      const body = Buffer.concat(chunks)
      captured = { status: out.response.statusCode, headers: { ...out.response.headers }, body }
      out.response.body = Readable.from([body])
      return out
    },
  }
  const client = new STSClient({ region: 'us-east-1', endpoint: url, credentials: creds, requestHandler: handler, maxAttempts: 1 })
  const who = await client.send(new GetCallerIdentityCommand({}))
  client.destroy()
  inner.destroy()
  return { response: captured, arn: who.Arn }
}

/** `count` calls (or until `maxMs`), `concurrency` in flight; throughput and latency. */
export async function sdkLoad(client, { count, concurrency = 16, maxMs = 15_000 }) {
  const lat = []
  let next = 0
  let errors = 0
  let firstError
  const deadline = performance.now() + maxMs
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  const worker = async () => {
    while (next < count && performance.now() < deadline) {
      next++
      const s = performance.now()
      try {
        await client.send(new GetCallerIdentityCommand({}))
      } catch (err) {
        errors++
        firstError ??= `${err.name}: ${err.message}`
      }
      lat.push(performance.now() - s)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  const seconds = (performance.now() - t0) / 1000
  const cpu = process.cpuUsage(cpu0)
  return {
    count: lat.length,
    errors,
    firstError,
    seconds: round(seconds, 3),
    rps: round(lat.length / seconds, 1),
    p50Ms: round(quantile(lat, 0.5), 3),
    p99Ms: round(quantile(lat, 0.99), 3),
    clientCpuMsPerCall: round((cpu.user + cpu.system) / 1000 / lat.length, 3),
  }
}
