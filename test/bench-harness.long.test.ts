import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

// Smoke test of `npm run bench`: every benchmark runs one tiny iteration (--smoke) and reports
// a well-formed result. It asserts the shape of the report, never timings.

interface Check {
  name: string
  value: number | null
  unit: string
  op: '<=' | '>='
  target: number
  status: 'pass' | 'fail' | 'skipped'
  reason?: string
  missBy?: string
}

interface BenchResult {
  n: number
  id: string
  status: 'pass' | 'fail' | 'skipped' | 'error'
  error?: string
  checks: Check[]
  figures: Record<string, unknown>
}

interface Report {
  mode: string
  benches: string[]
  machine: { cpus: number; node: string; memoryMB: number }
  summary: Record<'pass' | 'fail' | 'skipped' | 'error', number>
  results: BenchResult[]
}

const dir = mkdtempSync(join(tmpdir(), 'iamflow-bench-test-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function runBench(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bench/run.mjs', ...args], { timeout: 170_000, maxBuffer: 16 * 2 ** 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr })
    })
  })
}

describe('bench harness (npm run bench -- --smoke)', () => {
  it('runs one tiny iteration of all 12 benchmarks and prints only JSON with --json', async () => {
    const out = join(dir, 'results.json')
    const r = await runBench(['--smoke', '--json', '--no-build', '--out', out])
    expect(r.stderr).not.toMatch(/benchmark process ended|no result after/)
    expect(r.code).toBe(0)
    const report = JSON.parse(r.stdout) as Report
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(report)
    expect(report.mode).toBe('smoke')
    expect(report.benches).toEqual(['scenario', 'cold-start', 'serve-capacity', 'serve-boto3', 'policy', 'state', 'propagation', 'parallel', 'serve-hostile', 'list-objects', 'durability', 'test-loop'])
    expect(report.results.map((x) => x.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    expect(report.machine.cpus).toBeGreaterThan(0)
    expect(report.machine.node).toBe(process.version)
    for (const result of report.results) {
      expect({ id: result.id, error: result.error }).toEqual({ id: result.id, error: undefined })
      expect(result.checks.length).toBeGreaterThan(0)
      for (const c of result.checks) {
        if (c.status === 'skipped') {
          expect(c.reason, `${result.id}: ${c.name}`).toMatch(/\S/)
          expect(c.value).toBeNull()
        } else {
          expect(Number.isFinite(c.value), `${result.id}: ${c.name} = ${c.value}`).toBe(true)
          const holds = c.op === '<=' ? (c.value as number) <= c.target : (c.value as number) >= c.target
          expect(c.status).toBe(holds ? 'pass' : 'fail')
          if (!holds) expect(c.missBy).toMatch(/ (over|short) \(/)
        }
      }
      const worst = result.checks.some((c) => c.status === 'fail') ? 'fail' : result.checks.every((c) => c.status === 'skipped') ? 'skipped' : 'pass'
      expect(result.status).toBe(worst)
    }
    expect(report.summary.error).toBe(0)
    expect(report.summary.pass + report.summary.fail + report.summary.skipped).toBe(12)
  }, 180_000)

  it('rejects an unknown benchmark name with exit 2 and lists the known ones', async () => {
    const r = await runBench(['--only', 'nope', '--no-build'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('unknown benchmark(s): nope (have: scenario, cold-start, serve-capacity, serve-boto3, policy, state, propagation, parallel, serve-hostile, list-objects, durability, test-loop)')
    expect(r.stdout).toBe('')
  })
})
