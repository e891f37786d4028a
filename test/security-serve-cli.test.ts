import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { networkInterfaces, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseByteSize } from '../src/cli/serve-network.js'
import { spawnCli } from './helpers/reliability/cli.js'
import { startServe, type Served } from './helpers/reliability/serve.js'
import { sendRaw, signRaw } from './helpers/reliability/sigv4.js'

/**
 * Issue 12 (defects 2 and 5, item 8) through `iamflow serve` itself: --max-body, --allow-origin,
 * --allow-host, bad values refused with exit 2, and a warning on stderr whenever the address
 * actually bound is not loopback (`--host 0`, `::0`, `0.0.0.0`, `::`, a LAN address).
 */
const dir = mkdtempSync(join(tmpdir(), 'iamflow-serve-cli-'))
const running: Served[] = []
afterAll(async () => {
  for (const s of running) await s.stop()
  rmSync(dir, { recursive: true, force: true })
})

/** Start serve with `args` (instead of --host 127.0.0.1), wait for its banner; stderr and the URL. */
async function bannerOf(args: string[]): Promise<{ stderr: string; url: string }> {
  const p = spawnCli(['serve', '--port', '0', '--quiet', ...args], { cwd: dir })
  try {
    const m = await p.waitFor(/listening on (http:\/\/\S+)/, 30_000)
    await p.waitFor(/^export AWS_REGION=/m)
    return { stderr: p.stderr(), url: m[1]! }
  } finally {
    p.child.kill('SIGTERM')
    await p.exit
  }
}

const LAN = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address

const WARNING = /^warning: iamflow serve is listening on (\S+), beyond loopback: anyone who can reach this machine can use the emulator and its published root key\./m

describe('binding beyond loopback warns, judged on the address bound', () => {
  it.each([
    ['0', '0.0.0.0'],
    ['0.0.0.0', '0.0.0.0'],
    ['::', '::'],
    ['::0', '::'],
  ])('--host %s warns (bound %s)', async (hostArg, bound) => {
    const { stderr, url } = await bannerOf(['--host', hostArg])
    expect(stderr.match(WARNING)?.[1]).toBe(bound)
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  })

  it.skipIf(!LAN)(`a LAN address warns${LAN ? ` (${LAN})` : ' (SKIPPED: this machine has no non-loopback IPv4 address)'}`, async () => {
    const { stderr, url } = await bannerOf(['--host', LAN!])
    expect(stderr.match(WARNING)?.[1]).toBe(LAN)
    expect(url.startsWith(`http://${LAN}:`)).toBe(true)
  })

  it.each(['127.0.0.1', 'localhost'])('--host %s does not warn', async (hostArg) => {
    const { stderr } = await bannerOf(['--host', hostArg])
    expect(stderr).not.toMatch(/warning/)
  })
})

describe('an address serve cannot bind is a clear input error (SERVE_BAD_PORT, exit 2)', () => {
  it('a port in use names the address and suggests another --port; no internal error', async () => {
    const blocker = createServer()
    await new Promise<void>((ok) => blocker.listen(0, '127.0.0.1', ok))
    const port = (blocker.address() as { port: number }).port
    try {
      const p = spawnCli(['serve', '--port', String(port), '--host', '127.0.0.1'], { cwd: dir })
      const code = await p.exit
      expect(code).toBe(2)
      expect(p.stderr()).toContain(`error [SERVE_BAD_PORT]: cannot listen on 127.0.0.1:${port}: the port is in use`)
      expect(p.stderr()).toContain('--port 0 takes any free one')
      expect(p.stderr()).not.toContain('internal error')
    } finally {
      await new Promise((ok) => blocker.close(ok))
    }
  })
})

describe('--max-body, --allow-origin, --allow-host', () => {
  it('--max-body 1MiB: a 2 MiB signed PutObject gets EntityTooLarge naming 1048576', async () => {
    const s = await startServe({ cwd: dir, quiet: true, args: ['--max-body', '1MiB'] })
    running.push(s)
    const host = new URL(s.url).host
    expect((await sendRaw(s.url, await signRaw({ method: 'PUT', path: '/cap-b', headers: {}, body: '' }, host, { service: 's3', creds: s.root }))).status).toBe(200)
    const put = await signRaw({ method: 'PUT', path: '/cap-b/k', headers: {}, body: 'x'.repeat(2 * 1024 * 1024) }, host, { service: 's3', creds: s.root })
    const res = await sendRaw(s.url, put)
    expect([res.status, res.code]).toEqual([400, 'EntityTooLarge'])
    expect(res.body).toContain('<ProposedSize>2097152</ProposedSize><MaxSizeAllowed>1048576</MaxSizeAllowed>')
  })

  it('--allow-origin and --allow-host open serve to that origin and that name only', async () => {
    const s = await startServe({ cwd: dir, quiet: true, args: ['--allow-origin', 'http://localhost:3000', '--allow-host', 'lab.test'] })
    running.push(s)
    const port = new URL(s.url).port
    const pre = await sendRaw(s.url, { method: 'OPTIONS', path: '/', headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'PUT' } })
    expect([pre.status, pre.headers['access-control-allow-origin']]).toEqual([200, 'http://localhost:3000'])
    const list = async (h: string) => {
      const signed = await signRaw({ method: 'GET', path: '/', headers: {} }, h, { service: 's3', creds: s.root })
      return sendRaw(s.url, { ...signed, headers: { ...signed.headers, host: h } })
    }
    expect((await list(`lab.test:${port}`)).status).toBe(200)
    expect((await list(`other.test:${port}`)).status).toBe(403)
  })

  it.each([
    [['--max-body', '6GiB'], /--max-body must be a size between 1 byte and 5GiB/],
    [['--max-body', 'lots'], /--max-body must be a size/],
    [['--allow-origin', 'localhost:3000'], /--allow-origin must be an origin such as http:\/\/localhost:3000/],
    [['--allow-origin', 'http://localhost:3000/app'], /--allow-origin must be an origin/],
    [['--allow-host', 'bad host/'], /--allow-host must be a host name or IP address/],
  ])('%j is refused with exit 2 and a clear message', async (args, message) => {
    const p = spawnCli(['serve', '--port', '0', ...args], { cwd: dir })
    expect(await p.exit).toBe(2)
    expect(p.stderr()).toMatch(message)
    expect(p.stderr()).not.toMatch(/\n\s+at /)
  })

  it('sizes: bytes and binary units', () => {
    expect([parseByteSize('65536'), parseByteSize('64MiB'), parseByteSize('64m'), parseByteSize('1GiB'), parseByteSize('512k'), parseByteSize('1.5G'), parseByteSize('-1')]).toEqual([
      65536, 64 * 1024 ** 2, 64 * 1024 ** 2, 1024 ** 3, 512 * 1024, undefined, undefined,
    ])
  })
})
