import { readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { leakIn } from '../src/engine/records/normalise.js'
import { runIamflow } from './run-cli-helpers.js'
import { cleanTmp, records, tmp } from './runner-helpers.js'

// `npm run test:long`: the whole library recorded, then compared against itself through the
// built CLI (the default suite's records-cli.test.ts does the same with single labs).
const LIBRARY = resolve('scenarios')
const env = { NO_COLOR: '1', AWS_ENDPOINT_URL: '' }

afterEach(() => cleanTmp())

describe('run --record / --compare, the whole library', () => {
  it('records every scenario of the library; comparing the same target passes and re-records the same bytes', async () => {
    const cwd = tmp()
    const first = join(cwd, 'first')
    const rec = await runIamflow(['run', LIBRARY, '--record', first, '--parallel', '2'], { cwd, env })
    expect(rec.code, rec.stdout + rec.stderr).toBe(0)
    const written = records(first)
    expect([...written.keys()]).toEqual(readdirSync(LIBRARY).filter((f) => f.endsWith('.yaml')).sort().map((f) => f.replace(/\.yaml$/, '.record.yaml')))
    for (const [name, text] of written) expect(leakIn(text), name).toBeUndefined()
    const second = join(cwd, 'second')
    const cmp = await runIamflow(['run', LIBRARY, '--compare', first, '--record', second], { cwd, env })
    expect(cmp.code, cmp.stdout + cmp.stderr).toBe(0)
    expect(records(second)).toEqual(written)
  }, 240_000)
})
