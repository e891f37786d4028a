import { readFileSync } from 'node:fs'
import { formatPlan, planToJson } from '../../../src/engine/plan/plan-format.js'
import { buildPlan } from '../../../src/engine/plan/plan.js'
import { IamflowError } from '../../../src/errors.js'
import { ScenarioInvalidError } from '../../../src/scenario/diagnostics.js'
import { loadScenarioText } from '../../../src/scenario/load.js'
import { mutateScenario } from './mutate.js'
import { createRng } from './rng.js'

/** One fuzz case that broke a property: enough to replay it. */
export interface FuzzFailure {
  index: number
  base: string
  ops: string[]
  problem: string
  /** The mutated text (cut to 2 kB). */
  text: string
}

export interface FuzzReport {
  seed: number
  cases: number
  /** Loaded and planned without error. */
  valid: number
  /** Refused with well-formed errors. */
  invalid: number
  /** Count of each error code seen (sub-errors of a ScenarioInvalidError counted one by one). */
  codes: Record<string, number>
  /** How often each mutation was applied. */
  ops: Record<string, number>
  failures: FuzzFailure[]
  slowestMs: number
  durationMs: number
}

const CODE = /^[a-z][a-z0-9-]*$/

/** Why an error is not one a user can act on (undefined when it is well formed). */
function malformed(e: IamflowError, file: string, text: string, lines: number): string | undefined {
  if (typeof e.code !== 'string' || !CODE.test(e.code)) return `bad code ${JSON.stringify(e.code)}`
  if (typeof e.message !== 'string' || e.message.trim() === '') return `[${e.code}] has no message`
  // A programming value in a message (unless the scenario itself wrote that word).
  for (const leak of ['undefined', '[object Object]']) {
    if (e.message.includes(leak) && !text.includes(leak)) return `[${e.code}] message leaks a programming value: ${e.message.slice(0, 200)}`
  }
  const loc = e.location
  if (!loc) return `[${e.code}] ${e.message.slice(0, 200)}: no location`
  if (loc.file !== file) return `[${e.code}] location names ${loc.file}, not ${file}`
  if (!Number.isInteger(loc.line) || !Number.isInteger(loc.column) || loc.line < 1 || loc.column < 1 || loc.line > lines + 1) {
    return `[${e.code}] location ${loc.line}:${loc.column} is outside the file (${lines} lines)`
  }
  if (e.exitCode !== 2) return `[${e.code}] exit code ${e.exitCode}, not 2 (invalid input)`
  return undefined
}

/**
 * The `validate` and `plan` code paths on one text: load (parse, schema, semantics), build the
 * plan, and render it as `plan` and `plan --json` would. Returns the error codes on refusal, or
 * throws a description of what broke.
 */
export function checkScenarioText(text: string, file: string): { ok: true } | { ok: false; codes: string[] } {
  try {
    const plan = buildPlan(loadScenarioText(text, file))
    formatPlan(plan, { color: false })
    JSON.stringify(planToJson(plan))
    return { ok: true }
  } catch (err) {
    if (!(err instanceof IamflowError)) throw new Error(`uncaught ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}${err instanceof Error && err.stack ? `\n${err.stack.split('\n').slice(1, 4).join('\n')}` : ''}`)
    const lines = text.split(/\r\n|\r|\n/).length
    const list = err instanceof ScenarioInvalidError ? [err, ...err.errors] : [err]
    if (err instanceof ScenarioInvalidError && err.errors.length === 0) throw new Error('ScenarioInvalidError with no errors')
    for (const e of list) {
      const why = malformed(e, file, text, lines)
      if (why) throw new Error(why)
    }
    return { ok: false, codes: (err instanceof ScenarioInvalidError ? err.errors : [err]).map((e) => e.code) }
  }
}

/** Run `cases` seeded mutations of the `bases` files through validate + plan (case numbers `shard.index + k * shard.count`). */
export function runFuzz(opts: { bases: string[]; cases: number; seed: number; maxFailures?: number; shard?: { index: number; count: number } }): FuzzReport {
  const started = performance.now()
  const texts = opts.bases.map((f) => ({ file: f, text: readFileSync(f, 'utf8') }))
  const report: FuzzReport = { seed: opts.seed, cases: 0, valid: 0, invalid: 0, codes: {}, ops: {}, failures: [], slowestMs: 0, durationMs: 0 }
  const shard = opts.shard ?? { index: 0, count: 1 }
  for (let n = 0; n < opts.cases; n++) {
    // Case i is the same whatever the sharding: shards split the index space.
    const i = shard.index + n * shard.count
    const rng = createRng((opts.seed ^ Math.imul(i + 1, 0x85ebca6b)) >>> 0)
    const base = rng.pick(texts)
    const { text, ops } = mutateScenario(base.text, rng)
    for (const op of ops) report.ops[op] = (report.ops[op] ?? 0) + 1
    const t0 = performance.now()
    try {
      const r = checkScenarioText(text, 'fuzz.yaml')
      if (r.ok) report.valid++
      else {
        report.invalid++
        for (const c of r.codes) report.codes[c] = (report.codes[c] ?? 0) + 1
      }
    } catch (err) {
      report.failures.push({ index: i, base: base.file, ops, problem: (err as Error).message, text: text.slice(0, 2000) })
      if (report.failures.length >= (opts.maxFailures ?? 20)) break
    } finally {
      report.cases++
      report.slowestMs = Math.max(report.slowestMs, performance.now() - t0)
    }
  }
  report.durationMs = performance.now() - started
  return report
}

/** `N cases: V valid, I refused with located errors, F broken` and the top codes. */
export function formatFuzz(r: FuzzReport): string {
  const top = Object.entries(r.codes).sort((a, b) => b[1] - a[1]).slice(0, 12).map(([c, n]) => `${c} ${n}`).join(', ')
  const lines = [
    `${r.cases} cases: ${r.valid} valid, ${r.invalid} refused with located errors, ${r.failures.length} broken (seed ${r.seed}, ${(r.durationMs / 1000).toFixed(1)} s, slowest ${r.slowestMs.toFixed(0)} ms)`,
    `  error codes: ${top}`,
  ]
  for (const f of r.failures.slice(0, 5)) lines.push(`  #${f.index} ${f.base} [${f.ops.join(', ')}]: ${f.problem}`)
  return lines.join('\n')
}
