import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { RunEvent } from '../src/engine/events.js'
import { buildPlan } from '../src/engine/plan/plan.js'
import { runPlan } from '../src/engine/run/runner.js'
import { openTarget } from '../src/engine/targets/targets.js'
import { createReporter, fanOut } from '../src/reporters/index.js'
import { loadScenarioText } from '../src/scenario/load.js'
import { readStateUnits } from './helpers/state-file.js'

const runsDir = mkdtempSync(join(tmpdir(), 'iamflow-secrets-'))
afterAll(() => rmSync(runsDir, { recursive: true, force: true }))

/**
 * A scenario that drags secrets into every place a report can show: a capture of the secret
 * key, an output check whose *expected* value is that secret (so its failure message would
 * print it), and a session token capture.
 */
const TEXT = `
name: secret-capture
steps:
  - id: user
    action: iam.createUser
    input: { UserName: secret-user }
  - id: key
    action: iam.createAccessKey
    input: { UserName: secret-user }
    capture: { secret: AccessKey.SecretAccessKey }
    identity: s
  - id: token
    as: s
    action: sts.getSessionToken
    capture: { tok: Credentials.SessionToken }
    expect:
      output:
        Credentials.SecretAccessKey: "\${{ secret }}"
`

describe('secrets in failed expectations', () => {
  it('never reach events, reporters or the ledger, even as the expected value of a check', async () => {
    const target = await openTarget({ statePath: join(runsDir, 'state.json') })
    const events: RunEvent[] = []
    const out: Record<string, string> = { console: '', json: '', junit: '' }
    const emit = fanOut((['console', 'json', 'junit'] as const).map((name) => createReporter(name, { write: (t) => void (out[name] += t), isTTY: false })))
    const result = await runPlan({
      plan: buildPlan(loadScenarioText(TEXT, 'secret.yaml')),
      target,
      runsDir,
      // kept, so that the state file still holds every secret issued during the run
      keep: true,
      emit: (e) => {
        events.push(e)
        emit(e)
      },
    })
    emit({ type: 'suite:end', summary: { passed: 0, failed: 1, errored: 0, interrupted: 0, skipped: 0, total: 1, durationMs: 1, exitCode: 1 } as never, results: [result] })
    await target.close()
    // the run really failed on the secret comparison (the session has its own secret)
    expect(result.steps[2].status).toBe('failed')
    expect(result.steps[2].failures.map((f) => f.what)).toEqual(['output Credentials.SecretAccessKey'])

    // every secret the emulator issued during the run
    const state = readStateUnits(join(runsDir, 'state.json'))
    const secrets = collectSecrets(state)
    expect(secrets.length).toBeGreaterThanOrEqual(3) // user key secret, session secret, session token

    const ledgers = readdirSync(runsDir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.jsonl'))
      .map((f) => readFileSync(join(runsDir, f), 'utf8'))
    const haystacks = [JSON.stringify(events), JSON.stringify(result.steps.map((s) => s.failures)), out.console, out.json, out.junit, ...ledgers]
    for (const secret of secrets) for (const h of haystacks) expect(h.includes(secret)).toBe(false)
    expect(out.console).toContain('expected "[redacted]"')
  })
})

function collectSecrets(state: unknown): string[] {
  const found: string[] = []
  const walk = (v: unknown, key = ''): void => {
    if (typeof v === 'string') {
      if (/^(secret|token|secretAccessKey|sessionToken)$/i.test(key) && v.length >= 16) found.push(v)
      return
    }
    if (Array.isArray(v)) v.forEach((x) => walk(x, key))
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k)
  }
  walk(state)
  return found.filter((s) => s !== 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')
}
