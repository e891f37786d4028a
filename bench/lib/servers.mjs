// Servers the benchmarks talk to over loopback: `iamflow serve`, moto, and a bare node:http
// server. Each is a tracked child process bound to 127.0.0.1 and stopped by the caller.
import { createServer } from 'node:net'
import { join } from 'node:path'
import { stop, track, waitForOutput } from './children.mjs'

/** A free loopback TCP port (for servers that cannot report the port they chose). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

/** The script each `entry` of {@link startIamflowServe} runs, relative to a checkout. */
export const SERVE_ENTRIES = { bin: 'dist/bundle/main.js', unbundled: 'dist/cli/main.js' }

/**
 * `iamflow serve --port 0 --quiet [ARGS]` (no per-request log unless `log`), started as users
 * start it: the bin (`dist/bundle/main.js`, CommonJS chunks through the V8 code-cache loader);
 * `entry: 'unbundled'` runs tsc's output (`dist/cli/main.js`) instead.
 */
export async function startIamflowServe(root, { log = false, nodeArgs = [], args = [], entry = 'bin' } = {}) {
  const script = SERVE_ENTRIES[entry]
  if (!script) throw new Error(`unknown serve entry '${entry}' (bin or unbundled)`)
  const child = track(process.execPath, [...nodeArgs, join(root, script), 'serve', '--port', '0', '--host', '127.0.0.1', ...(log ? [] : ['--quiet']), ...args], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1' },
  })
  if (log) child.stdout.resume()
  const m = await waitForOutput(child, /listening on (http:\/\/127\.0\.0\.1:\d+)/)
  child.stdout.resume()
  child.stderr.resume()
  return { url: m[1], pid: child.pid, stop: () => stop(child) }
}

/**
 * `python3 -m moto.server -H 127.0.0.1 -p PORT`, ready when it answers HTTP. Resolves with
 * `{ skip: reason }` when python3 or moto is not installed.
 */
export async function startMoto(pythonFacts) {
  if (!pythonFacts.python) return { skip: 'python3 not found' }
  if (!pythonFacts.moto) return { skip: 'moto is not installed (pip install "moto[server]")' }
  if (!pythonFacts.boto3) return { skip: 'boto3 is not installed' }
  const port = await freePort()
  const child = track('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { env: { ...process.env, PYTHONUNBUFFERED: '1' } })
  child.stdout.resume()
  try {
    await waitForOutput(child, /Running on/, 30_000)
  } catch (err) {
    await stop(child)
    return { skip: `moto server did not start: ${err.message.slice(0, 200)}` }
  }
  child.stderr.resume()
  const url = `http://127.0.0.1:${port}`
  // Readiness: the first request answered.
  for (let i = 0; i < 50; i++) {
    try {
      const res = await fetch(`${url}/moto-api/`)
      await res.arrayBuffer()
      break
    } catch {
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  return { url, pid: child.pid, stop: () => stop(child), reset: () => fetch(`${url}/moto-api/reset`, { method: 'POST' }).then((r) => r.arrayBuffer()) }
}

/**
 * A bare node:http server in its own process answering every request with the given status,
 * headers and body (the bytes `iamflow serve` returned), keep-alive on.
 */
export async function startBareServer(response, { nodeArgs = [] } = {}) {
  const child = track(process.execPath, [...nodeArgs, join(import.meta.dirname, 'bare-server.mjs')], { stdio: ['pipe', 'pipe', 'pipe'] })
  child.stdin.end(JSON.stringify({ status: response.status, headers: response.headers, body: Buffer.from(response.body).toString('base64') }))
  const m = await waitForOutput(child, /listening on (http:\/\/127\.0\.0\.1:\d+)/)
  child.stdout.resume()
  child.stderr.resume()
  return { url: m[1], pid: child.pid, stop: () => stop(child) }
}
