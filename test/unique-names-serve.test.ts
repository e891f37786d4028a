import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ListInstanceProfilesCommand, ListOpenIDConnectProvidersCommand, ListVirtualMFADevicesCommand } from '@aws-sdk/client-iam'
import { afterAll, describe, expect, it } from 'vitest'
import { nameSuffix } from '../src/engine/plan/unique-names.js'
import { type Clients, EMPTY_INVENTORY, clientsFor, inventoryViaApi } from './helpers/reliability/aws.js'
import { runCli } from './helpers/reliability/cli.js'
import { labScenarios } from './helpers/reliability/scenario-files.js'
import { startServe } from './helpers/reliability/serve.js'

/**
 * Issue 17, item 8: two CI jobs running the same lab against one `iamflow serve` (or one AWS
 * account) collide on fixed names; with --unique-names every run's names carry its own suffix.
 */
const dir = mkdtempSync(join(tmpdir(), 'iamflow-unique-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface Report {
  runs: Array<{ runId: string; scenario: { name: string }; status: string; exitCode: number; names?: Array<{ kind: string; name: string; renamed: string }>; steps: Array<{ id: string; status: string; input?: Record<string, unknown>; outcome?: { kind: string; code?: string } }>; teardown: { status: string; leftovers: number } }>
}

/** Everything a run of the library could leave: users, keys, roles, policies, groups, buckets, objects, and OIDC providers, MFA devices, instance profiles. */
async function leftovers(root: Clients): Promise<Record<string, unknown>> {
  const oidc = (await root.iam.send(new ListOpenIDConnectProvidersCommand({}))).OpenIDConnectProviderList ?? []
  const mfa = (await root.iam.send(new ListVirtualMFADevicesCommand({}))).VirtualMFADevices ?? []
  const profiles = (await root.iam.send(new ListInstanceProfilesCommand({}))).InstanceProfiles ?? []
  return { ...(await inventoryViaApi(root)), oidc: oidc.map((p) => p.Arn), mfa: mfa.map((d) => d.SerialNumber), profiles: profiles.map((p) => p.InstanceProfileName) }
}
const EMPTY = { ...EMPTY_INVENTORY, oidc: [], mfa: [], profiles: [] }

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

