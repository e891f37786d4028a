import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { nameSuffix } from '../src/engine/plan/unique-names.js'
import { clientsFor } from './helpers/reliability/aws.js'
import { runCli } from './helpers/reliability/cli.js'
import { labScenarios } from './helpers/reliability/scenario-files.js'
import { startServe } from './helpers/reliability/serve.js'
import { EMPTY, leftovers, type Report } from './helpers/unique-names.js'

/**
 * `npm run test:long` (issue 17, item 8): the whole library, four jobs at once against one
 * `iamflow serve` with --unique-names, each under its own names, and serve empty afterwards.
 */
const dir = mkdtempSync(join(tmpdir(), 'iamflow-unique-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the whole library, four times at once, against one iamflow serve', () => {
  it('passes with --unique-names, each run under its own names, and leaves serve empty', { timeout: 300_000 }, async () => {
    const served = await startServe({ cwd: dir, quiet: true })
    try {
      const labs = labScenarios()
      const jobs = await Promise.all(
        [1, 2, 3, 4].map(async (job) => {
          const cwd = mkdtempSync(join(dir, `job${job}-`))
          const report = join(cwd, 'report.json')
          const run = await runCli(['run', ...labs, '--endpoint-url', served.url, '--unique-names', '--parallel', '3', '--reporter', 'json', '--output', report], { cwd, env: served.env })
          return { run, report: JSON.parse(readFileSync(report, 'utf8')) as Report }
        }),
      )
      for (const { run, report } of jobs) {
        const notPassed = report.runs.filter((r) => r.status !== 'passed').map((r) => `${r.scenario.name}: ${r.steps.filter((s) => s.status !== 'passed').map((s) => `${s.id} ${s.status} ${s.outcome?.code ?? ''}`).join(', ')}`)
        expect({ code: run.code, stderr: run.stderr, notPassed }).toEqual({ code: 0, stderr: '', notPassed: [] })
        expect(report.runs.map((r) => [r.teardown.status, r.teardown.leftovers])).toEqual(labs.map(() => ['completed', 0]))
        expect(report.runs.length).toBe(labs.length)
      }
      // Not vacuous: each job's assume-role run created its user under its own run-scoped name.
      const users = jobs.map(({ report }) => {
        const run = report.runs.find((r) => r.scenario.name === 'assume-role')!
        const suffix = nameSuffix(run.runId)
        expect(run.names).toEqual([
          { kind: 'user', name: 'demo-user', renamed: `demo-user-${suffix}` },
          { kind: 'role', name: 'demo-s3-reader', renamed: `demo-s3-reader-${suffix}` },
          { kind: 'policy', name: 'demo-list-all-buckets', renamed: `demo-list-all-buckets-${suffix}` },
        ])
        expect(run.steps.find((s) => s.id === 'create-user')?.input).toEqual({ UserName: `demo-user-${suffix}` })
        return `demo-user-${suffix}`
      })
      expect(new Set(users).size).toBe(4)
      const root = clientsFor(served.url, served.root, { maxAttempts: 10 })
      try {
        expect(await leftovers(root)).toEqual(EMPTY)
      } finally {
        root.destroy()
      }
    } finally {
      await served.stop()
    }
  })
})
