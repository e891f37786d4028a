import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { RunEvent } from '../src/engine/events.js'
import { buildPlan } from '../src/engine/plan.js'
import { runPlan } from '../src/engine/runner.js'
import { openTarget } from '../src/engine/targets.js'
import { loadScenarioFile } from '../src/scenario/load.js'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'iamflow-run-'))
  dirs.push(d)
  return d
}

describe('iamflow run on the embedded emulator', () => {
  it('runs assume-role.yaml: every step passes, teardown in reverse, account empty afterwards', async () => {
    const scenario = await loadScenarioFile('scenarios/assume-role.yaml')
    const target = await openTarget({})
    const events: RunEvent[] = []
    const result = await runPlan({ plan: buildPlan(scenario), target, runsDir: tmp(), emit: (e) => events.push(e) })
    const statuses = Object.fromEntries(result.steps.map((s) => [s.id, s.status]))
    expect(result.steps.filter((s) => s.status !== 'passed').map((s) => ({ id: s.id, reason: s.reason, failures: s.failures, outcome: s.outcome }))).toEqual([])
    expect(statuses).toEqual({
      'create-user': 'passed',
      'user-key': 'passed',
      'user-cannot-list': 'passed',
      'create-role': 'passed',
      'create-policy': 'passed',
      attach: 'passed',
      assume: 'passed',
      'session-lists': 'passed',
      'who-am-i': 'passed',
    })
    expect(result.steps[2].outcome).toMatchObject({ kind: 'error', code: 'AccessDenied', status: 403 })
    expect(result.teardown.items.map((i) => `${i.action} ${i.target}`)).toEqual([
      'iam.detachRolePolicy RoleName=demo-s3-reader, PolicyArn=arn:aws:iam::123456789012:policy/demo-list-all-buckets',
      'iam.deletePolicy PolicyArn=arn:aws:iam::123456789012:policy/demo-list-all-buckets',
      'iam.deleteRole RoleName=demo-s3-reader',
      expect.stringMatching(/^iam\.deleteAccessKey UserName=demo-user, AccessKeyId=AKIA[A-Z0-9]{16}$/),
      'iam.deleteUser UserName=demo-user',
    ])
    expect(result.teardown.status).toBe('completed')
    expect(result.status).toBe('passed')
    expect(result.exitCode).toBe(0)
    const inv = target.emulator!.inventory()
    expect({ users: inv.users, roles: inv.roles, policies: inv.policies, accessKeys: inv.accessKeys, buckets: inv.buckets }).toEqual({ users: [], roles: [], policies: [], accessKeys: [], buckets: [] })
    expect(events[0].type).toBe('run:start')
    expect(events.at(-1)?.type).toBe('run:end')
  })
})
