import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { buildPlan } from '../src/engine/plan/plan.js'
import { createEmulator, type Emulator } from '../src/emulator/index.js'
import { startServer, type RunningServer } from '../src/emulator/server.js'
import { exportSh } from '../src/export/index.js'
import { loadScenarioFile } from '../src/scenario/load.js'
import { SCRIPTED, hasAwsCli, runExportedScript } from './helpers/export-script.js'

/**
 * `npm run test:long`: every scriptable lab's `export --format sh` script runs green with the AWS
 * CLI against iamflow serve (issue 17). The AWS CLI takes about a second a command, so these
 * take minutes; test/export.test.ts runs one failing script in the default suite.
 */
const exec = promisify(execFile)
const cli = await hasAwsCli()
if (!cli) console.warn('SKIPPED: export --format sh scripts (the AWS CLI `aws` is not on PATH)')

describe.skipIf(!cli)('export --format sh runs green with the AWS CLI against iamflow serve, every lab (issue 17)', () => {
  const home = mkdtempSync(join(tmpdir(), 'iamflow-export-'))
  afterAll(() => rmSync(home, { recursive: true, force: true }))

  // Each script gets its own serve, so they run a few at a time.
  it.concurrent.each(SCRIPTED)('%s', (file) => runExportedScript(file, home), 400_000)
})

describe('export --unique-names, concurrently (issue 17, item 8)', () => {
  it.skipIf(!cli)('two runs of the script at once on one serve both hold and leave it empty', async () => {
    const home = mkdtempSync(join(tmpdir(), 'iamflow-export-unique-'))
    const em: Emulator = createEmulator({})
    const server: RunningServer = await startServer(em, { port: 0 })
    try {
      const script = join(home, 'lab.sh')
      writeFileSync(script, exportSh(buildPlan(await loadScenarioFile('scenarios/assume-role.yaml'), { uniqueNames: true })))
      const env = { PATH: process.env.PATH ?? '', HOME: home, AWS_ENDPOINT_URL: server.url, AWS_ACCESS_KEY_ID: em.root.accessKeyId, AWS_SECRET_ACCESS_KEY: em.root.secretAccessKey, AWS_DEFAULT_REGION: 'us-east-1', AWS_CONFIG_FILE: join(home, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'none') }
      const runs = await Promise.all([1, 2].map(() => exec('bash', [script], { env, timeout: 300_000 }).catch((e: { stdout: string; stderr: string; code: number }) => e)))
      for (const run of runs) {
        expect({ code: 'code' in run ? run.code : 0, failed: /FAILED/.test(run.stderr) }).toEqual({ code: 0, failed: false })
        expect(run.stdout).toMatch(/^run-scoped names: suffix [a-z0-9]{6}$/m)
      }
      expect(new Set(runs.map((r) => /suffix ([a-z0-9]{6})/.exec(r.stdout)?.[1])).size).toBe(2)
      const inv = em.inventory()
      expect({ users: inv.users, roles: inv.roles, policies: inv.policies }).toEqual({ users: [], roles: [], policies: [] })
    } finally {
      await server.close()
      rmSync(home, { recursive: true, force: true })
    }
  }, 400_000)
})
