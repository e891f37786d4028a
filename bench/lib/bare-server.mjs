// The baseline server: node:http on loopback answering every request with fixed bytes (read
// as JSON {status, headers, body(base64)} from stdin), after reading the request body as any
// server must. Prints "listening on URL".
import { createServer } from 'node:http'

const chunks = []
for await (const c of process.stdin) chunks.push(c)
const spec = JSON.parse(Buffer.concat(chunks).toString('utf8'))
const body = Buffer.from(spec.body, 'base64')
const skip = new Set(['content-length', 'connection', 'keep-alive', 'date', 'transfer-encoding'])
const headers = Object.entries(spec.headers).filter(([k]) => !skip.has(k.toLowerCase()))
headers.push(['content-length', String(body.length)])

const server = createServer({ keepAlive: true, keepAliveTimeout: 60_000 }, (req, res) => {
  req.on('data', () => {})
  req.on('end', () => {
    res.writeHead(spec.status, headers.flat())
    res.end(body)
  })
})
server.keepAliveTimeout = 60_000
server.listen(0, '127.0.0.1', () => process.stdout.write(`listening on http://127.0.0.1:${server.address().port}\n`))
process.on('SIGTERM', () => server.close(() => process.exit(0)))
