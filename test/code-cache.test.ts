import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, inject, it } from 'vitest'

/**
 * The bin's V8 code cache end to end (src/cli/code-cache.ts, src/cli/bundle-loader.ts): the CLI as
 * users start it, each chunk's cache outcome read from the loader's diagnostics channel
 * (bench/lib/count-modules).
 */
const work = mkdtempSync(join(tmpdir(), 'iamflow-code-cache-bin-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))
const cli = inject('iamflowCli')
const register = pathToFileURL(resolve('bench/lib/count-modules/register.mjs')).href
let n = 0

interface Ran {
  code: number | null
  stdout: string
  /** Each chunk compiled (file name) and the cache's outcome for it. */
  chunks: Map<string, string>
}

function env(cache: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const { IAMFLOW_DISABLE_COMPILE_CACHE: _off, ...rest } = process.env
  return { ...rest, NO_COLOR: '1', IAMFLOW_COMPILE_CACHE: cache, ...extra }
}

function outcomes(log: string): Map<string, string> {
  let text = ''
  try {
    text = readFileSync(log, 'utf8')
  } catch {
    return new Map()
  }
  return new Map(text.split('\n').filter((l) => l.startsWith('chunk-')).map((l) => [l.slice(l.lastIndexOf('/') + 1), l.slice('chunk-'.length, l.indexOf(' '))]))
}

function ran(args: string[], cache: string, { extra = {}, nodeFlags = [] }: { extra?: NodeJS.ProcessEnv; nodeFlags?: string[] } = {}): Ran {
  const log = join(work, `load-${n++}.log`)
  const r = spawnSync(process.execPath, [...nodeFlags, '--import', register, cli, ...args], { env: { ...env(cache, extra), IAMFLOW_BENCH_LOAD_LOG: log }, encoding: 'utf8' })
  return { code: r.status, stdout: r.stdout, chunks: outcomes(log) }
}

const runArgs = () => ['run', 'scenarios/assume-role.yaml', '--runs-dir', join(work, 'runs'), '--reporter', 'json']
const values = (m: Map<string, string>) => [...new Set(m.values())]
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
