import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { EMPTY_INVENTORY, clientsFor, inventoryViaApi } from './helpers/reliability/aws.js'
import { runCli } from './helpers/reliability/cli.js'
import { seedFromEnv } from './helpers/reliability/rng.js'
import { labScenarios } from './helpers/reliability/scenario-files.js'
import { startServe } from './helpers/reliability/serve.js'

/**
 * `npm run test:long`: every lab through the CLI against `iamflow serve --faults` (throttling
 * and internal errors at random). The default suite's reliability-faults.test.ts runs every
 * scenario in process under random faults, and the forced-fault cases through serve.
 */
const SEED = seedFromEnv('FAULTS_SEED')
const dir = mkdtempSync(join(tmpdir(), 'iamflow-faults-long-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('faults through iamflow serve --faults and the CLI, every lab', () => {
  it('every lab passes against serve at 20% throttling + 5% internal errors', { timeout: 240_000 }, async () => {
    const served = await startServe({ cwd: dir, faults: `throttle=0.2,internal=0.05,seed=${SEED}` })
    try {
      const run = await runCli(['run', ...labScenarios(), '--endpoint-url', served.url, '--parallel', '2'], { cwd: dir, env: served.env })
      const injected = served.log().split('\n').filter((l) => / (Throttling|SlowDown|ServiceFailure|InternalError) (400|500|503) /.test(l)).length
      expect({ code: run.code, stderr: run.stderr }, `seed ${SEED}\n${run.stdout.slice(-3000)}`).toEqual({ code: 0, stderr: '' })
      expect(injected).toBeGreaterThan(10)
      const root = clientsFor(served.url, served.root, { maxAttempts: 10 })
      expect(await inventoryViaApi(root)).toEqual(EMPTY_INVENTORY)
      root.destroy()
    } finally {
      await served.stop()
    }
  })
})
