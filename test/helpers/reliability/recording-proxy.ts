import { createServer, request as httpRequest, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A loopback proxy in front of an endpoint that collects every secret the endpoint hands out. */
export interface RecordingProxy {
  url: string
  /** Every SecretAccessKey and SessionToken seen in a response body. */
  secrets: Set<string>
  /** Every access key id seen next to them. */
  keyIds: Set<string>
  requests: number
  close(): Promise<void>
}

const SECRET = /<(SecretAccessKey|SessionToken)>([^<]+)<\/\1>/g
const KEY_ID = /<AccessKeyId>([^<]+)<\/AccessKeyId>/g

/** Forward requests to `target` unchanged (Host included, so SigV4 still verifies) and read the answers. */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const to = new URL(target)
  const secrets = new Set<string>()
  const keyIds = new Set<string>()
  let requests = 0
  const server: Server = createServer((req, res) => {
    requests++
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      const fwd = httpRequest({ host: to.hostname, port: Number(to.port), method: req.method, path: req.url, headers: req.headers }, (up) => {
        const parts: Buffer[] = []
        up.on('data', (c: Buffer) => parts.push(c))
        up.on('end', () => {
          const answer = Buffer.concat(parts)
          const text = answer.toString('utf8')
          for (const m of text.matchAll(SECRET)) secrets.add(m[2])
          for (const m of text.matchAll(KEY_ID)) keyIds.add(m[1])
          res.writeHead(up.statusCode ?? 502, up.headers)
          res.end(answer)
        })
      })
      fwd.on('error', (err) => {
        res.writeHead(502)
        res.end(String(err))
      })
      fwd.end(body)
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    secrets,
    keyIds,
    get requests() {
      return requests
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
}
