import { spawn, spawnSync } from 'node:child_process'
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { codeCacheBin } from './helpers/code-cache-bin.js'
import { describe, expect, it } from 'vitest'
import { chunkDigest } from '../src/cli/bundle-loader.js'

/**
 * The long variant of test/code-cache.test.ts, several CLI runs each: the bin's V8 code cache
 * (src/cli/code-cache.ts, src/cli/bundle-loader.ts) turned off, in an unwritable location, with
 * other V8 flags, with concurrent writers and on worker threads; each chunk's cache outcome read
 * from the loader's diagnostics channel (bench/lib/count-modules).
 */
const { work, cli, env, ran, runArgs, values } = codeCacheBin()
describe('the bin with its code cache (long)', () => {
  it('IAMFLOW_DISABLE_COMPILE_CACHE=1 compiles every chunk from source and writes nothing', () => {
    const cache = join(work, 'c-off')
    const r = ran(['validate', 'scenarios/assume-role.yaml'], cache, { extra: { IAMFLOW_DISABLE_COMPILE_CACHE: '1' } })
    expect(r.code).toBe(0)
    expect(values(r.chunks).sort()).toEqual(['off', 'small'])
    expect(() => statSync(cache)).toThrow()
  })

  it('an unwritable cache location does not fail a run', () => {
    const file = join(work, 'a-file')
    writeFileSync(file, 'not a directory')
    const r = ran(runArgs(), join(file, 'cache'))
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('"passed"')
    expect(values(r.chunks).sort()).toEqual(['miss', 'small'])
  })

  it('other V8 flags (as another Node version) use entries of their own', () => {
    const cache = join(work, 'c-flags')
    const args = ['validate', 'scenarios/assume-role.yaml']
    expect(ran(args, cache).code).toBe(0)
    const flagged = ran(args, cache, { nodeFlags: ['--stack-size=2000'] })
    expect(flagged.code).toBe(0)
    expect(values(flagged.chunks).sort()).toEqual(['miss', 'small'])
    expect(readdirSync(cache)).toHaveLength(2)
    expect(values(ran(args, cache, { nodeFlags: ['--stack-size=2000'] }).chunks).sort()).toEqual(['hit', 'small'])
    expect(values(ran(args, cache).chunks).sort()).toEqual(['hit', 'small'])
  })

  it('concurrent first runs (each writing the same entries) leave whole entries and no temporary files', async () => {
    const cache = join(work, 'c-concurrent')
    const codes = await Promise.all(
      Array.from({ length: 4 }, () => new Promise<number | null>((done) => spawn(process.execPath, [cli, 'validate', 'scenarios/assume-role.yaml'], { env: env(cache), stdio: 'ignore' }).on('exit', done))),
    )
    expect(codes).toEqual([0, 0, 0, 0])
    const [keyDir] = readdirSync(cache)
    expect(readdirSync(join(cache, keyDir!)).filter((f) => !f.endsWith('.v8'))).toEqual([])
    const again = ran(['validate', 'scenarios/assume-role.yaml'], cache)
    expect(again.code).toBe(0)
    expect(values(again.chunks).sort()).toEqual(['hit', 'small'])
  })

  it('worker threads (--parallel) write the entries of the chunks only they load, and run from them', () => {
    const cache = join(work, 'c-parallel')
    const args = ['run', 'scenarios/assume-role.yaml', 'scenarios/explicit-deny.yaml', '--parallel', '2', '--runs-dir', join(work, 'runs-p'), '--unique-names']
    const first = spawnSync(process.execPath, [cli, ...args], { env: env(cache), encoding: 'utf8' })
    expect(first.status, first.stderr).toBe(0)
    // The runner's chunk loads on the worker threads only (the main thread hands out files): its
    // entry is there because a worker wrote it when the suite closed it (terminate() would not).
    const digest = (c: string) => `${chunkDigest(readFileSync(join(dirname(cli), c))).toString('hex')}.v8`
    const runner = readdirSync(dirname(cli)).filter((c) => /^runner-.*\.cjs$/.test(c))
    expect(runner).toHaveLength(1)
    const entries = readdirSync(join(cache, readdirSync(cache)[0]!))
    expect(entries).toContain(digest(runner[0]!))
    const second = spawnSync(process.execPath, [cli, ...args], { env: env(cache), encoding: 'utf8' })
    expect(second.status, second.stderr).toBe(0)
    expect(second.stdout).toContain('PASSED')
    expect(readdirSync(join(cache, readdirSync(cache)[0]!)).sort()).toEqual(entries.sort()) // all hits: nothing added
  })
})
