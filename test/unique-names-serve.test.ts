import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { nameSuffix } from '../src/engine/plan/unique-names.js'
import { clientsFor } from './helpers/reliability/aws.js'
import { runCli } from './helpers/reliability/cli.js'
import { startServe } from './helpers/reliability/serve.js'
import { EMPTY, leftovers, type Report } from './helpers/unique-names.js'

/**
 * Issue 17, item 8: two CI jobs running the same lab against one `iamflow serve` (or one AWS
 * account) collide on fixed names; with --unique-names every run's names carry its own suffix.
 * The whole library four times at once is the long variant, unique-names-serve.long.test.ts.
 */
const dir = mkdtempSync(join(tmpdir(), 'iamflow-unique-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('two runs of one lab on one serve at the same time', () => {
  it('collide on fixed names without the option (EntityAlreadyExists), and do not with it', { timeout: 120_000 }, async () => {
    const served = await startServe({ cwd: dir, quiet: true })
    const lab = join(process.cwd(), 'scenarios/assume-role.yaml')
    const cwd = mkdtempSync(join(dir, 'collide-'))
    const run = async (...args: string[]) => {
      const out = await runCli(['run', lab, '--endpoint-url', served.url, '--reporter', 'json', ...args], { cwd, env: served.env })
      return { code: out.code, report: JSON.parse(out.stdout) as Report }
    }
    try {
      // The first run keeps what it made, as a concurrent run still holds it while the second starts.
      const first = await run('--keep')
      expect(first.code).toBe(0)
      const second = await run()
      expect(second.code).toBe(1)
      expect(second.report.runs[0].steps.slice(0, 1).map((s) => [s.id, s.status, s.outcome])).toEqual([['create-user', 'failed', expect.objectContaining({ kind: 'error', code: 'EntityAlreadyExists' })]])
      const unique = await run('--unique-names')
      expect({ code: unique.code, statuses: unique.report.runs[0].steps.map((s) => s.status) }).toEqual({ code: 0, statuses: unique.report.runs[0].steps.map(() => 'passed') })
      expect(unique.report.runs[0].steps[0].input).toEqual({ UserName: `demo-user-${nameSuffix(unique.report.runs[0].runId)}` })
      const cleanup = await runCli(['cleanup', first.report.runs[0].runId], { cwd, env: served.env })
      expect(cleanup.code, cleanup.stdout + cleanup.stderr).toBe(0)
      const root = clientsFor(served.url, served.root)
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

