import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RunResult } from '../../src/engine/events.js'
import { buildPlan } from '../../src/engine/plan/plan.js'
import { recordOf } from '../../src/engine/records/build.js'
import { diffRuns } from '../../src/engine/records/differential.js'
import { Normaliser } from '../../src/engine/records/normalise.js'
import { runPlan } from '../../src/engine/run/runner.js'
import { targetForScenario } from '../../src/engine/targets/scenario-target.js'
import { openTarget } from '../../src/engine/targets/targets.js'
import { loadScenarioFile } from '../../src/scenario/load.js'

/** Run `file` on a fresh embedded emulator, its IAM/STS calls made `path`'s way. */
export async function runEmbedded(file: string, path: 'direct' | 'sdk'): Promise<RunResult> {
  const scenario = await loadScenarioFile(file)
  const runsDir = mkdtempSync(join(tmpdir(), 'iamflow-equiv-'))
  const target = await openTarget({ ...targetForScenario({}, scenario), embeddedPath: path })
  try {
    return await runPlan({ plan: buildPlan(scenario), target, runsDir })
  } finally {
    await target.close()
    rmSync(runsDir, { recursive: true, force: true })
  }
}

/**
 * Everything a run shows that does not depend on chance or the clock, normalised as outcome
 * records are (ids, keys, timestamps and request ids as placeholders): each step's status,
 * answer, decision, failures, captures, acting principal and attempts, the outcome record, and
 * the teardown.
 */
export function comparable(run: RunResult): unknown {
  return withoutTotp(viewOf(run))
}

/**
 * Values drawn at random per run that outcome records leave as they are (records keep only the
 * checked outputs): TOTP codes from the run's random MFA seed, web identity tokens signed with
 * the emulator's random key, S3 version ids.
 */
function withoutTotp(value: unknown): unknown {
  if (typeof value === 'string') {
    if (/^\d{6}$/.test(value)) return '<totp>'
    return value.replace(/eyJ[^\s",]*/g, '<jwt>').replace(/(?<![A-Za-z0-9_.-])[A-Za-z0-9_.-]{32}(?![A-Za-z0-9_.-])/g, '<version-id>')
  }
  if (Array.isArray(value)) return value.map(withoutTotp)
  if (value === null || typeof value !== 'object' || value instanceof Date) return value
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutTotp(v)]))
}

function viewOf(run: RunResult): unknown {
  const n = new Normaliser({ runId: run.runId, account: run.target.account, ...(run.names ? { names: run.names } : {}) })
  return {
    status: run.status,
    exitCode: run.exitCode,
    error: run.error,
    steps: run.steps.map((s) =>
      n.value({
        id: s.id,
        action: s.action,
        as: s.as,
        principalArn: s.principalArn,
        input: s.input,
        status: s.status,
        attempts: s.attempts,
        expected: s.expected,
        outcome: s.outcome,
        decision: s.decision,
        failures: s.failures,
        unverifiable: s.unverifiable,
        captures: s.captures,
        identity: s.identity,
        reason: s.reason,
        errorCode: s.errorCode,
      }),
    ),
    record: recordOf(run),
    teardown: n.value({ status: run.teardown.status, leftovers: run.teardown.leftovers, items: run.teardown.items.map((i) => ({ ...i, durationMs: undefined })) }),
  }
}

/** The lab run both ways: the comparable views and the record-level differences (`run --compare`'s). */
export async function bothWays(file: string): Promise<{ direct: unknown; sdk: unknown; differences: unknown[]; status: string }> {
  const sdk = await runEmbedded(file, 'sdk')
  const direct = await runEmbedded(file, 'direct')
  return { direct: comparable(direct), sdk: comparable(sdk), differences: diffRuns(sdk, direct).differences, status: direct.status }
}
