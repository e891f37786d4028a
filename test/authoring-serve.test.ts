import { afterEach, describe, expect, it, vi } from 'vitest'
import { runCli } from '../src/cli/run.js'
import { openTarget } from '../src/engine/targets/targets.js'
import { CONSISTENCY_DELAY_HEADER, createEmulator, EXAMPLE_ROOT_KEY } from '../src/emulator/index.js'
import { startServer, type RunningServer } from '../src/emulator/server.js'
import { cleanTmp, runText, statuses } from './runner-helpers.js'

const servers: RunningServer[] = []
afterEach(async () => {
  vi.unstubAllEnvs()
  for (const s of servers.splice(0)) await s.close()
  cleanTmp()
})

async function serve(consistencyDelayMs?: number): Promise<RunningServer> {
  const server = await startServer(createEmulator(consistencyDelayMs === undefined ? {} : { consistencyDelayMs }), { port: 0 })
  servers.push(server)
  vi.stubEnv('AWS_ACCESS_KEY_ID', EXAMPLE_ROOT_KEY.accessKeyId)
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', EXAMPLE_ROOT_KEY.secretAccessKey)
  vi.stubEnv('AWS_SESSION_TOKEN', '')
  vi.stubEnv('AWS_PROFILE', '')
  return server
}

describe('serve advertises its consistency delay; the runner uses it (issue 17)', () => {
  it('every answer carries the header, even a refusal', async () => {
    const server = await serve(250)
    const res = await fetch(`${server.url}/?Action=GetCallerIdentity&Version=2011-06-15`)
    expect(res.status).toBe(403)
    expect(res.headers.get(CONSISTENCY_DELAY_HEADER)).toBe('250')
    await res.arrayBuffer()
  })

  it('an endpoint without a delay gets no propagation window; with one, twice it plus 1 s', async () => {
    const none = await openTarget({ endpointUrl: (await serve()).url })
    expect(none.defaultWindowMs).toBe(0)
    await none.close()
    const some = await openTarget({ endpointUrl: (await serve(300)).url })
    expect(some.defaultWindowMs).toBe(1600)
    await some.close()
    const flag = await openTarget({ endpointUrl: (await serve(300)).url, windowMs: 5000 })
    expect(flag.defaultWindowMs).toBe(5000)
    await flag.close()
  })

  it('an unexpected AccessDenied right after a change fails at once against serve, not after 60 s', async () => {
    const target = await openTarget({ endpointUrl: (await serve()).url })
    const started = Date.now()
    const { result } = await runText(
      `
name: no-wait
steps:
  - id: user
    action: iam.createUser
    input: { UserName: no-wait }
  - id: key
    action: iam.createAccessKey
    input: { UserName: no-wait }
    identity: u
  - id: list
    as: u
    action: s3.listBuckets
`,
      { target },
    )
    await target.close()
    expect(statuses(result)).toEqual({ user: 'passed', key: 'passed', list: 'failed' })
    expect(result.steps[2].attempts).toBe(1)
    expect(Date.now() - started).toBeLessThan(20_000)
  })
})

describe('--retry-window (issue 17)', () => {
  it.each([-1, 901, Number.NaN])('refuses %s with bad-retry-window before anything runs', async (w) => {
    await expect(runCli({ paths: ['nothing.yaml'], 'retry-window': w } as never, [])).rejects.toMatchObject({ code: 'bad-retry-window', exitCode: 2 })
  })
})
