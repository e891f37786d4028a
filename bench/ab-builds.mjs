#!/usr/bin/env node
// Two builds of iamflow compared in one run, interleaved (A, B, A, B, ...), medians, CPU time
// beside wall time: rows 1 and 2's measurements for a "before" checkout against this one.
//   node bench/ab-builds.mjs BEFORE_ROOT [AFTER_ROOT] [--rounds N] [--cold-rounds N]
// BEFORE_ROOT and AFTER_ROOT are checkouts with a built dist/ (tsc's output and dist/bundle).
// warm: scenarios/assume-role.yaml through each build's runSuite in this process (the SDK path of
// AFTER, `embeddedPath: 'sdk'`, beside them); cold: each bin running it as a fresh process.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const args = process.argv.slice(2)
const flag = (name, dflt) => {
  const i = args.indexOf(name)
  return i >= 0 ? Number(args.splice(i, 2)[1]) : dflt
}
const rounds = flag('--rounds', 40)
const coldRounds = flag('--cold-rounds', 12)
const [beforeArg, afterArg] = args
if (!beforeArg) {
  console.error('usage: node bench/ab-builds.mjs BEFORE_ROOT [AFTER_ROOT] [--rounds N] [--cold-rounds N]')
  process.exit(2)
}
const before = resolve(beforeArg)
const after = resolve(afterArg ?? join(import.meta.dirname, '..'))
const scenario = join(after, 'scenarios/assume-role.yaml')
const runsDir = mkdtempSync(join(tmpdir(), 'iamflow-ab-'))
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]
const round = (n, d = 2) => Number(n.toFixed(d))

try {
  // warm
  const suite = async (root) => (await import(pathToFileURL(join(root, 'dist/engine/suite/suite.js')).href)).runSuite
  const A = await suite(before)
  const B = await suite(after)
  const once = async (runSuite, target = {}) => {
    const { summary } = await runSuite({ files: [scenario], target, runsDir, emit: () => {} })
    if (summary.exitCode !== 0) throw new Error(`assume-role.yaml failed (exit ${summary.exitCode})`)
  }
  const warm = { before: () => once(A), after: () => once(B), afterSdkPath: () => once(B, { embeddedPath: 'sdk' }) }
  for (let i = 0; i < 15; i++) for (const v of Object.values(warm)) await v()
  const w = {}
  for (let r = 0; r < rounds; r++) {
    for (const [k, v] of Object.entries(warm)) {
      const c0 = process.cpuUsage()
      const t0 = performance.now()
      await v()
      const ms = performance.now() - t0
      const c = process.cpuUsage(c0)
      ;(w[k] ??= { wall: [], cpu: [] }).wall.push(ms)
      w[k].cpu.push((c.user + c.system) / 1000)
    }
  }
  // cold
  const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }
  const cold = { before: join(before, 'dist/bundle/main.js'), after: join(after, 'dist/bundle/main.js'), nodeE0: undefined }
  const c = {}
  for (let r = 0; r <= coldRounds; r++) {
    for (const [k, bin] of Object.entries(cold)) {
      const argv = bin ? [bin, 'run', scenario, '--runs-dir', runsDir] : ['-e', '0']
      const t0 = performance.now()
      const res = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, ...argv], { encoding: 'utf8', env })
      const ms = performance.now() - t0
      if (res.status !== 0) throw new Error(`${k}: exit ${res.status}: ${res.stderr.slice(-500)}`)
      const [u, s] = res.stderr.trim().split('\n').pop().split(' ').map(Number)
      if (r === 0) continue // the first round warms the file cache
      ;(c[k] ??= { wall: [], cpu: [] }).wall.push(ms)
      c[k].cpu.push((u + s) * 1000)
    }
  }
  const sum = (m) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, { wallMs: round(median(v.wall)), cpuMs: round(median(v.cpu)) }]))
  const out = {
    load: (await import('node:os')).loadavg().map((l) => round(l)),
    warm: { ...sum(w), beforeOverAfterWall: round(median(w.before.wall) / median(w.after.wall)), beforeOverAfterCpu: round(median(w.before.cpu) / median(w.after.cpu)), rounds },
    cold: { ...sum(c), beforeOverAfterWall: round(median(c.before.wall) / median(c.after.wall)), beforeOverAfterCpu: round(median(c.before.cpu) / median(c.after.cpu)), rounds: coldRounds },
  }
  console.log(JSON.stringify(out, null, 1))
} finally {
  rmSync(runsDir, { recursive: true, force: true })
}
