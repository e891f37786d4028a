import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, inject } from 'vitest'

/**
 * Running the bin as users start it, with its V8 code cache in a directory of the test's own,
 * and reading each chunk's cache outcome from the loader's diagnostics channel
 * (bench/lib/count-modules): for test/code-cache.test.ts and its long variant. Call
 * `codeCacheBin()` once at the top of a test file (it registers the cleanup).
 */
export interface Ran {
  code: number | null
  stdout: string
  /** Each chunk compiled (file name) and the cache's outcome for it. */
  chunks: Map<string, string>
}

export function codeCacheBin() {
  const work = mkdtempSync(join(tmpdir(), 'iamflow-code-cache-bin-'))
  afterAll(() => rmSync(work, { recursive: true, force: true }))
  const cli = inject('iamflowCli')
  const register = pathToFileURL(resolve('bench/lib/count-modules/register.mjs')).href
  let n = 0

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
  return { work, cli, register, env, outcomes, ran, runArgs, values }
}
