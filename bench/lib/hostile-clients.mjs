// Hostile clients for bench 9 (serve-hostile), in a process of their own:
//   node bench/lib/hostile-clients.mjs PORT SECONDS '[["blast",100,1000],["trickle",100,1000]]'
// Each slot connects to 127.0.0.1:PORT unsigned, sends a request head and then its body per
// mode, and connects again PAUSE ms (the third field) after the server closes the connection,
// until SECONDS have passed.
// Modes: `blast` (Content-Length 1 GB, 64 KiB writes as fast as the socket takes them),
// `trickle` (Content-Length 1 GB, 1 KiB every 100 ms), `chunked` (no length, 64 KiB chunks as
// fast as possible). Prints {connections, answers: {status: count}} as JSON on exit.
import { connect } from 'node:net'

const GB = 1024 ** 3

/**
 * One attacking slot: connect, send the head, then the body per `mode`; `pauseMs` after serve
 * closes the connection, connect again, until `until`. Counts answers (by status) and connections.
 */
function attacker(port, mode, pauseMs, until, tally) {
  const chunk = Buffer.alloc(64 * 1024, 0x61)
  const frame = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')])
  const head =
    mode === 'chunked'
      ? `PUT /hostile-bucket/x HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nTransfer-Encoding: chunked\r\n\r\n`
      : `PUT /hostile-bucket/x HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: ${GB}\r\n\r\n`
  return new Promise((resolve) => {
    const once = () => {
      if (performance.now() > until) return resolve()
      tally.connections++
      const s = connect(port, '127.0.0.1')
      let timer
      let seen = false
      const pump = () => {
        while (!s.destroyed && performance.now() < until) {
          if (!s.write(mode === 'chunked' ? frame : chunk)) return s.once('drain', pump)
        }
        if (performance.now() >= until) s.destroy()
      }
      s.on('connect', () => {
        s.write(head)
        if (mode === 'trickle') timer = setInterval(() => (performance.now() < until ? s.write(chunk.subarray(0, 1024)) : s.destroy()), 100)
        else pump()
      })
      s.on('data', (d) => {
        if (seen) return
        seen = true
        const status = /^HTTP\/1\.1 (\d{3})/.exec(d.toString('latin1'))?.[1] ?? '?'
        tally.answers[status] = (tally.answers[status] ?? 0) + 1
      })
      s.on('error', () => {})
      s.on('close', () => {
        clearInterval(timer)
        if (pauseMs > 0) setTimeout(once, pauseMs)
        else setImmediate(once)
      })
    }
    once()
  })
}

const [port, seconds, groups] = [Number(process.argv[2]), Number(process.argv[3]), JSON.parse(process.argv[4])]
const tally = { connections: 0, answers: {} }
const until = performance.now() + seconds * 1000
await Promise.all(groups.flatMap(([mode, n, pauseMs = 0]) => Array.from({ length: n }, () => attacker(port, mode, pauseMs, until, tally))))
process.stdout.write(JSON.stringify(tally))
process.exit(0)
