import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { SCRIPTED, SCRIPTED_IN_DEFAULT_SUITE, SCRIPTED_LONG, hasAwsCli, runExportedScript } from './helpers/export-script.js'

/**
 * `npm run test:long`: every scriptable lab's `export --format sh` script runs green with the AWS
 * CLI against iamflow serve (issue 17). The AWS CLI takes about a second a command, so these
 * take minutes; test/export.test.ts runs assume-role.yaml's in the default suite.
 */
const cli = await hasAwsCli()
if (!cli) console.warn('SKIPPED: export --format sh scripts (the AWS CLI `aws` is not on PATH)')

describe('the long variant covers every scriptable lab', () => {
  it('default suite + long variant = every scriptable lab, once', () => {
    expect([...SCRIPTED_IN_DEFAULT_SUITE, ...SCRIPTED_LONG].sort()).toEqual(SCRIPTED)
    expect(SCRIPTED_LONG.length).toBeGreaterThan(0)
  })
})

describe.skipIf(!cli)('export --format sh runs green with the AWS CLI against iamflow serve, every lab (issue 17)', () => {
  const home = mkdtempSync(join(tmpdir(), 'iamflow-export-'))
  afterAll(() => rmSync(home, { recursive: true, force: true }))

  // Each script gets its own serve, so they run a few at a time.
  it.concurrent.each(SCRIPTED_LONG)('%s', (file) => runExportedScript(file, home), 400_000)
})
