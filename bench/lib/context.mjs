// What every benchmark receives: the repo root, the mode, a stderr logger, temporary
// directories (removed at exit) and a check builder.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

/**
 * One target: `value op target` decides pass/fail; `skip` (a reason) marks a check whose
 * figure or baseline could not be measured. `baseline` is a short text shown beside it.
 */
export function check({ name, value, unit, op, target, baseline, skip, note }) {
  if (skip !== undefined) return { name, value: null, unit, op, target, baseline, status: 'skipped', reason: skip }
  const ok = Number.isFinite(value) && (op === '<=' ? value <= target : value >= target)
  const c = { name, value, unit, op, target, status: ok ? 'pass' : 'fail' }
  if (baseline !== undefined) c.baseline = baseline
  if (!ok && Number.isFinite(value)) c.missBy = op === '<=' ? `${fmt(value - target)} ${unit} over (${fmt(value / target)}x the target)` : `${fmt(target - value)} ${unit} short (${fmt((100 * value) / target)}% of the target)`
  if (note) c.note = note
  return c
}

function fmt(x) {
  return Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2)
}

/** Build the context a benchmark's `run(ctx)` gets. */
export function createContext({ root, mode = 'full', python }) {
  const quick = mode !== 'full'
  const dirs = []
  process.on('exit', () => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true })
  })
  return {
    root,
    mode,
    quick,
    smoke: mode === 'smoke',
    /** The loop size for this mode: `{ full, quick, smoke }` (smoke: one tiny iteration). */
    pick: (sizes) => sizes[mode] ?? sizes.quick ?? sizes.full,
    python,
    log: (msg) => process.stderr.write(`  ${msg}\n`),
    tmp(prefix = 'iamflow-bench-') {
      // Under the run's own temporary root when started by run.mjs (removed even if we are killed).
      const d = mkdtempSync(join(process.env.IAMFLOW_BENCH_TMP ?? tmpdir(), prefix))
      dirs.push(d)
      return d
    },
    /** Import a built module by its path under dist/ (e.g. 'engine/suite/suite.js'). */
    dist: (path) => import(pathToFileURL(resolve(root, 'dist', path)).href),
    /** Absolute path of a file in the repo. */
    path: (p) => resolve(root, p),
    check,
  }
}
