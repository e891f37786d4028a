import { join, resolve } from 'node:path'
import { IAMClient, ListAccessKeysCommand, ListUsersCommand } from '@aws-sdk/client-iam'
import { afterEach, describe, expect, it } from 'vitest'
import { EXAMPLE_ROOT_KEY } from '../src/emulator/index.js'
import { runIamflow, type Spawned, spawnIamflow } from './run-cli-helpers.js'
import { cleanTmp, tmp } from './runner-helpers.js'

const ASSUME_ROLE = resolve('scenarios/assume-role.yaml')
const creds = { AWS_ACCESS_KEY_ID: EXAMPLE_ROOT_KEY.accessKeyId, AWS_SECRET_ACCESS_KEY: EXAMPLE_ROOT_KEY.secretAccessKey, AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: '', NO_COLOR: '1' }
const servers: Spawned[] = []

afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.child.kill('SIGTERM')
    await s.exit
  }
  cleanTmp()
})

async function serve(cwd: string, extra: string[]): Promise<{ url: string; server: Spawned }> {
  const server = spawnIamflow(['serve', '--port', '0', '--quiet', ...extra], { cwd, env: creds })
  servers.push(server)
  const [, url] = await server.waitFor(/listening on (http:\/\/\S+)/)
  return { url, server }
}

async function users(url: string): Promise<{ users: string[]; keys: number }> {
  const iam = new IAMClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: EXAMPLE_ROOT_KEY.accessKeyId, secretAccessKey: EXAMPLE_ROOT_KEY.secretAccessKey } })
  const names = ((await iam.send(new ListUsersCommand({}))).Users ?? []).map((u) => u.UserName ?? '')
  let keys = 0
  for (const UserName of names) keys += ((await iam.send(new ListAccessKeysCommand({ UserName }))).AccessKeyMetadata ?? []).length
  iam.destroy()
  return { users: names, keys }
}

describe('iamflow run against iamflow serve', () => {
  it('after SIGKILL mid-run, `runs` shows the leftovers and `cleanup` removes everything', async () => {
    const cwd = tmp()
    const { url } = await serve(cwd, ['--state', join(cwd, 'state.json'), '--consistency-delay', '30000'])
    const run = spawnIamflow(['run', ASSUME_ROLE, '--endpoint-url', url], { cwd, env: creds })
    const [, runId] = await run.waitFor(/ run ([0-9a-z]{8}-[0-9a-z]{4}) on /)
    await run.waitFor(/user-cannot-list: waiting for propagation/)
    run.child.kill('SIGKILL')
    expect(await run.exit).toBe('SIGKILL')
    expect(await users(url)).toEqual({ users: ['demo-user'], keys: 1 })
    const listed = await runIamflow(['runs', '--json'], { cwd })
    const row = JSON.parse(listed.stdout).find((r: { runId: string }) => r.runId === runId)
    expect(row).toMatchObject({ status: 'crashed', leftovers: 2, target: { kind: 'endpoint', endpoint: url, account: '123456789012' } })
    expect(row.pending).toEqual([expect.stringMatching(/^iam\.deleteAccessKey UserName=demo-user, AccessKeyId=AKIA/), 'iam.deleteUser UserName=demo-user'])
    const cleaned = await runIamflow(['cleanup', runId], { cwd, env: creds })
    expect(cleaned.stderr).toBe('')
    expect(cleaned.code).toBe(0)
    expect(cleaned.stdout).toContain(`${runId}: clean`)
    expect(await users(url)).toEqual({ users: [], keys: 0 })
    const after = JSON.parse((await runIamflow(['runs', '--json'], { cwd })).stdout).find((r: { runId: string }) => r.runId === runId)
    expect(after).toMatchObject({ status: 'cleaned', leftovers: 0 })
  })

  it('a second Ctrl-C skips teardown, says how to clean up, and cleanup finishes later', async () => {
    const cwd = tmp()
    const state = join(cwd, 'state.json')
    const faulty = await serve(cwd, ['--state', state, '--consistency-delay', '30000', '--faults', 'operations=DeleteUser,code=ServiceFailure'])
    const run = spawnIamflow(['run', ASSUME_ROLE, '--endpoint-url', faulty.url], { cwd, env: creds })
    const [, runId] = await run.waitFor(/ run ([0-9a-z]{8}-[0-9a-z]{4}) on /)
    await run.waitFor(/waiting for propagation/)
    run.child.kill('SIGINT')
    await run.waitFor(/Interrupted: stopping the steps and tearing down/)
    await new Promise((r) => setTimeout(r, 150)) // let the teardown reach the failing DeleteUser
    run.child.kill('SIGINT')
    expect(await run.exit).toBe(130)
    expect(run.stderr()).toContain(`Teardown skipped. Clean up later with:\n  iamflow cleanup ${runId}`)
    expect(await users(faulty.url)).toEqual({ users: ['demo-user'], keys: 0 })
    // Restart the endpoint without faults, on the same state, elsewhere.
    servers.splice(servers.indexOf(faulty.server), 1)
    faulty.server.child.kill('SIGTERM')
    await faulty.server.exit
    const fixed = await serve(cwd, ['--state', state])
    const cleaned = await runIamflow(['cleanup', runId, '--endpoint-url', fixed.url], { cwd, env: creds })
    expect(cleaned.code).toBe(0)
    expect(cleaned.stdout).toMatch(/done\s+iam\.deleteUser UserName=demo-user/)
    expect(await users(fixed.url)).toEqual({ users: [], keys: 0 })
  })
})
