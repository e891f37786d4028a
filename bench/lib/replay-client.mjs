// A load generator that is not the bottleneck (issue 19, item 1): it replays the bytes of one
// pre-signed HTTP request (valid for SigV4's 15-minute window) over keep-alive sockets, one
// request in flight per socket, and parses only what it needs of each response (status line,
// Content-Length; a response without one is read to the end of the connection, which is then
// opened again). A few microseconds of client CPU per request, so the server's cost decides.
//
// Run as a process of its own: node replay-client.mjs, spec as JSON on stdin
//   { host, port, request (base64), sockets, count, maxMs }
// prints one JSON line: { count, errors, firstError, seconds, rps, p50Ms, p99Ms, clientCpuMsPerCall, reconnects }.
import { connect } from 'node:net'

const CRLF2 = Buffer.from('\r\n\r\n')

export function replayLoad({ host, port, request, sockets, count, maxMs }) {
  const bytes = Buffer.isBuffer(request) ? request : Buffer.from(request, 'base64')
  return new Promise((resolve) => {
    let sent = 0
    let done = 0
    let errors = 0
    let firstError
    let reconnects = 0
    let open = 0
    const lat = []
    const deadline = performance.now() + maxMs
    const cpu0 = process.cpuUsage()
    const t0 = performance.now()
    let finished = false
    const finish = () => {
      if (finished) return
      finished = true
      const seconds = (performance.now() - t0) / 1000
      const cpu = process.cpuUsage(cpu0)
      lat.sort((a, b) => a - b)
      const q = (p) => (lat.length ? lat[Math.min(lat.length - 1, Math.max(0, Math.ceil(p * lat.length) - 1))] : NaN)
      resolve({ count: done, errors, firstError, reconnects, seconds: +seconds.toFixed(3), rps: +(done / seconds).toFixed(1), p50Ms: +q(0.5).toFixed(3), p99Ms: +q(0.99).toFixed(3), clientCpuMsPerCall: +((cpu.user + cpu.system) / 1000 / Math.max(1, done)).toFixed(4) })
    }
    const more = () => sent < count && performance.now() < deadline

    function start() {
      if (!more()) {
        if (open === 0) finish()
        return
      }
      open++
      const sock = connect({ host, port, noDelay: true })
      let buf = Buffer.alloc(0)
      let sentAt = 0
      let inFlight = false
      let untilClose = false // a response without Content-Length: its body ends with the connection
      const send = () => {
        if (!more()) {
          sock.end()
          return
        }
        sent++
        inFlight = true
        sentAt = performance.now()
        sock.write(bytes)
      }
      const complete = (status) => {
        inFlight = false
        done++
        lat.push(performance.now() - sentAt)
        if (status < 200 || status >= 300) {
          errors++
          firstError ??= `HTTP ${status}`
        }
      }
      sock.on('connect', send)
      sock.on('data', (d) => {
        buf = buf.length ? Buffer.concat([buf, d]) : d
        for (;;) {
          if (untilClose) return
          const end = buf.indexOf(CRLF2)
          if (end < 0) return
          const head = buf.subarray(0, end).toString('latin1')
          const status = Number(head.slice(9, 12))
          const m = /\r\ncontent-length:\s*(\d+)/i.exec(head)
          if (!m) {
            untilClose = true
            sock.statusOnClose = status
            return
          }
          const total = end + 4 + Number(m[1])
          if (buf.length < total) return
          buf = buf.subarray(total)
          complete(status)
          if (/\r\nconnection:\s*close/i.test(head) || head.startsWith('HTTP/1.0') && !/\r\nconnection:\s*keep-alive/i.test(head)) {
            sock.end()
            return
          }
          send()
        }
      })
      sock.on('error', (err) => {
        if (inFlight && !untilClose) {
          errors++
          firstError ??= `${err.code ?? err.message}`
        }
      })
      sock.on('close', () => {
        open--
        if (inFlight && untilClose) complete(sock.statusOnClose)
        else if (inFlight) {
          inFlight = false
          done++
          errors++
          firstError ??= 'connection closed mid-response'
        }
        if (more()) {
          reconnects++
          start()
        } else if (open === 0) finish()
      })
    }
    for (let i = 0; i < sockets; i++) start()
  })
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const chunks = []
  for await (const c of process.stdin) chunks.push(c)
  const spec = JSON.parse(Buffer.concat(chunks).toString('utf8'))
  const out = await replayLoad(spec)
  process.stdout.write(`${JSON.stringify(out)}\n`)
  process.exit(0)
}
