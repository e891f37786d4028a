import { readFileSync, readdirSync, rmSync, statSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from './helpers/reliability/cli.js'
import { startRecordingProxy } from './helpers/reliability/recording-proxy.js'
import { allScenarios } from './helpers/reliability/scenario-files.js'
import { startServe } from './helpers/reliability/serve.js'
import { unitsOfKind } from './helpers/state-file.js'

/**
 * Issue 9, item 6. Every scenario (plus a hostile one that captures credentials, compares
 * outputs with them and sends them as input) runs with the console, JSON and JUnit reporters
 * against `iamflow serve`, through a proxy that records every SecretAccessKey and SessionToken
 * the emulator issues. Then stdout, stderr, the reports, the ledgers, `runs`, `cleanup` and
 * serve's log are searched for each of them: zero occurrences. Serve's log shows ARNs and key
 * ids at most.
 */
const dir = mkdtempSync(join(tmpdir(), 'iamflow-secrets-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function filesUnder(root: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(root)) {
    const p = join(root, name)
    if (statSync(p).isDirectory()) out.push(...filesUnder(p))
    else out.push(p)
  }
  return out
}

const REQUEST_LINE = /^\d{4}-\d\d-\d\dT[\d:.]+Z (GET|POST|PUT|DELETE|HEAD) (iam|sts|s3|unknown):\S+ (arn:aws:\S+|anonymous|-) (Allowed|ExplicitDeny|ImplicitDeny|[A-Za-z]+|-) \d{3} [\d.]+ms$/

describe('secrets never reach an output', () => {
  it('no issued secret key or session token appears in stdout, stderr, reports, ledgers or serve log', { timeout: 180_000 }, async () => {
    const state = join(dir, 'state.json')
    const served = await startServe({ cwd: dir, state })
    const proxy = await startRecordingProxy(served.url)
    const texts: Array<{ where: string; text: string }> = []
    const cli = async (label: string, args: string[], want: number) => {
      const r = await runCli(args, { cwd: dir, env: served.env })
      texts.push({ where: `${label} stdout`, text: r.stdout }, { where: `${label} stderr`, text: r.stderr })
      expect(r.code, `${label}: ${r.stdout.slice(-2000)}${r.stderr}`).toBe(want)
      return r
    }
    const reporters = (name: string) => ['--reporter', 'console', '--reporter', 'json', '--output', `${name}.json`, '--reporter', 'junit', '--output', `${name}.xml`]
    try {
      await cli('run every scenario', ['run', ...allScenarios(), '--endpoint-url', proxy.url, ...reporters('all')], 0)
      await cli('run the hostile probe', ['run', resolve('test/helpers/reliability/hostile/secret-probe.yaml'), '--endpoint-url', proxy.url, ...reporters('probe')], 1)
      await cli('run --keep', ['run', resolve('test/helpers/reliability/scenarios/every-kind.yaml'), '--endpoint-url', proxy.url, '--keep', ...reporters('kept')], 0)
      await cli('runs --all', ['runs', '--all'], 0)
      await cli('runs --json', ['runs', '--json'], 0)
      await cli('cleanup --all', ['cleanup', '--all'], 0)
    } finally {
      await proxy.close()
      expect(await served.stop('SIGTERM')).toBe(0)
    }
    texts.push({ where: 'serve log', text: served.log() })
    for (const file of filesUnder(dir)) {
      if (file.startsWith(state)) continue // the emulator's own state holds credentials by nature (mode 600)
      texts.push({ where: file.slice(dir.length + 1), text: readFileSync(file, 'utf8') })
    }
    const secrets = [...proxy.secrets]
    // Not vacuous: every run issued keys and sessions, and the collector saw them.
    expect(secrets.length).toBeGreaterThan(30)
    expect(texts.some((t) => t.where.endsWith('ledger.jsonl'))).toBe(true)
    expect(texts.filter((t) => /\.(json|xml)$/.test(t.where) && !t.where.includes('.iamflow')).length).toBe(6)
    const sessions = unitsOfKind<{ secret: string; token: string }>(state, 'session')
    for (const s of sessions) expect(proxy.secrets.has(s.secret) && proxy.secrets.has(s.token)).toBe(true)

    const leaks: string[] = []
    for (const secret of secrets) {
      for (const form of new Set([secret, encodeURIComponent(secret)])) {
        for (const t of texts) if (t.text.includes(form)) leaks.push(`${t.where}: ${secret.slice(0, 6)}... (${secret.length} chars)`)
      }
    }
    expect(leaks).toEqual([])
    expect(statSync(state).mode & 0o777).toBe(0o600)

    // Serve's log: one line per request, ARNs and decisions only.
    const requestLines = served.log().split('\n').filter((l) => /^\d{4}-/.test(l))
    expect(requestLines.length).toBeGreaterThan(proxy.requests * 0.9)
    expect(requestLines.filter((l) => !REQUEST_LINE.test(l))).toEqual([])
    // Nothing token-like either: no long base64 run, no 40-character secret-shaped word.
    expect(requestLines.filter((l) => /[A-Za-z0-9+/=]{100,}|(^|\s)[A-Za-z0-9+/]{40}(\s|$)/.test(l))).toEqual([])
  })
})
