import { readFileSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { checkScenarioText, formatFuzz, runFuzz } from './helpers/reliability/fuzz.js'
import { seedFromEnv } from './helpers/reliability/rng.js'
import { allScenarios } from './helpers/reliability/scenario-files.js'

/**
 * Issue 9, item 3: seeded mutations of the real scenario files fed to `validate` and `plan`
 * (loader, schema, semantic checks, plan building and rendering). No uncaught exception; every
 * error has a code, a message and a file:line:column inside the file. CI: FUZZ_CASES (default
 * 3000); `npm run fuzz` runs 100k. Replay with FUZZ_SEED=<seed printed below>.
 */
const CASES = Number(process.env.FUZZ_CASES ?? 2000)
const SEED = seedFromEnv('FUZZ_SEED')
/** `FUZZ_SHARD=i/n`: this process runs cases i, i+n, i+2n... (npm run fuzz uses one per core). */
const [SHARD, SHARDS] = (process.env.FUZZ_SHARD ?? '0/1').split('/').map(Number)

describe('fuzzed scenario input (validate + plan)', () => {
  it(`${CASES} mutated scenarios: no crash, every error located (seed ${SEED}, shard ${SHARD}/${SHARDS})`, { timeout: 60_000 + CASES * 50 }, () => {
    const report = runFuzz({ bases: allScenarios(), cases: CASES, seed: SEED, shard: { index: SHARD, count: SHARDS } })
    console.log(formatFuzz(report))
    if (process.env.FUZZ_REPORT) writeFileSync(process.env.FUZZ_REPORT, `${JSON.stringify(report, null, 2)}\n`)
    expect(report.failures.map((f) => `#${f.index} ${f.base} [${f.ops.join(', ')}]: ${f.problem}\n${f.text.slice(0, 400)}`)).toEqual([])
    expect(report.cases).toBe(CASES)
    // The mutations reach past the YAML parser: both refusals and accepted variants occur.
    expect(report.invalid).toBeGreaterThan(CASES / 4)
    expect(report.valid).toBeGreaterThan(0)
    expect(Object.keys(report.codes).length).toBeGreaterThan(10)
  })

  it('the real scenarios themselves are valid and plan cleanly', () => {
    for (const file of allScenarios()) expect(checkScenarioText(readFileSync(file, 'utf8'), file)).toEqual({ ok: true })
  })
})
