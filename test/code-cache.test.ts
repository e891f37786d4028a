import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { codeCacheBin } from './helpers/code-cache-bin.js'
import { describe, expect, it } from 'vitest'

/**
 * The bin's V8 code cache end to end (src/cli/code-cache.ts, src/cli/bundle-loader.ts): the CLI as
 * users start it, each chunk's cache outcome read from the loader's diagnostics channel
 * (bench/lib/count-modules).
 */
const { work, cli, ran, runArgs, values } = codeCacheBin()
/** What a run's JSON report says, without what differs between runs (ids, times). */
function shape(stdout: string): unknown {
  const report = JSON.parse(stdout) as { summary: Record<string, unknown>; runs: Array<{ status: string; steps: Array<{ id: string; status: string; captures: unknown }> }> }
  const { durationMs: _d, ...summary } = report.summary
  return { summary, runs: report.runs.map((r) => ({ status: r.status, steps: r.steps.map((s) => [s.id, s.status, s.captures]) })) }
}

/** Every file under `dir` with its size and modification time. */
function listing(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => {
    const st = statSync(join(dir, f))
    return `${f} ${st.size} ${st.mtimeMs}`
  })
}

describe('the bin with its code cache', () => {
  it('a first run compiles from source and fills the cache, outside the package; a second loads every chunk from it, with the same result', () => {
    const cache = join(work, 'c1')
    const bundleBefore = listing(dirname(cli))
    const first = ran(runArgs(), cache)
    expect(first.code).toBe(0)
    expect(first.chunks.size).toBeGreaterThan(20)
    expect(values(first.chunks).sort()).toEqual(['miss', 'small'])
    const cached = [...first.chunks].filter(([, o]) => o === 'miss').map(([c]) => c)
    expect(cached.length).toBeGreaterThan(10)
    // Chunks under 16 KiB compile from source (no cache lookup); the others are cached.
    for (const [c, o] of first.chunks) expect([c, statSync(join(dirname(cli), c)).size >= 16 * 1024]).toEqual([c, o === 'miss'])
    const [keyDir] = readdirSync(cache)
    expect(keyDir).toMatch(/^node-v\d+\.\d+\.\d+-v8-\d+$/)
    expect(readdirSync(join(cache, keyDir!)).filter((f) => f.endsWith('.v8'))).toHaveLength(cached.length)
    const second = ran(runArgs(), cache)
    expect(second.code).toBe(0)
    expect(second.chunks).toEqual(new Map([...first.chunks].map(([c, o]) => [c, o === 'miss' ? 'hit' : o])))
    expect(shape(second.stdout)).toEqual(shape(first.stdout))
    expect(shape(first.stdout)).toMatchObject({ summary: { runs: 1, passed: 1 } })
    // No chunk holds import(): a function restored from cached data has lost its route on Node 20
    // (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING on every endpoint/AWS run, with a warm cache only).
    for (const c of readdirSync(dirname(cli)).filter((f) => f.endsWith('.cjs'))) expect([c, readFileSync(join(dirname(cli), c), 'utf8').includes('import(')]).toEqual([c, false])
    // Nothing written beside the bin: an install may be read-only.
    expect(listing(dirname(cli))).toEqual(bundleBefore)
  })
})
