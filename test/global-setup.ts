import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, rmSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { bundle } from '../scripts/bundle.mjs'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Absolute path of the CLI entry point built for this test run (`inject('iamflowCli')`). */
    iamflowCli: string
  }
}

/**
 * Builds src/ once per test run, exactly as `npm run build` does (tsconfig.build.json, then the
 * bundle that `bin` names), into a directory of this run's own under node_modules/.cache, so the
 * CLI tests spawn the current code as users start it and never race with a `dist/` being rebuilt
 * by someone else. A type error anywhere still emits JavaScript (`npm run typecheck` is the
 * gate), so only a missing entry point fails the setup.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cache = join(process.cwd(), 'node_modules', '.cache')
  removeStaleBuilds(cache)
  const outDir = join(cache, `iamflow-test-dist-${process.pid}`)
  try {
    execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json', '--outDir', outDir], { stdio: 'pipe' })
  } catch {
    // Type errors: reported by typecheck, not here.
  }
  if (!existsSync(join(outDir, 'cli', 'main.js'))) throw new Error('the build did not produce cli/main.js: run `npm run build` to see why')
  const cli = await bundle(outDir)
  // The bin's V8 code cache (src/cli/code-cache.ts) for this run's spawned CLIs: this run's own,
  // beside the build (not in it: the build is what `npm pack` would publish), removed with it,
  // never the user's ~/.cache. Set before vitest starts its workers, which inherit it, as the
  // CLIs they spawn do.
  const codeCache = join(cache, `iamflow-test-code-cache-${process.pid}`)
  process.env.IAMFLOW_COMPILE_CACHE ??= codeCache
  project.provide('iamflowCli', cli)
  return async () => {
    await rm(outDir, { recursive: true, force: true })
    await rm(codeCache, { recursive: true, force: true })
  }
}

/** Builds left by test runs that were killed before their teardown. */
function removeStaleBuilds(cache: string): void {
  const names = existsSync(cache) ? readdirSync(cache) : []
  for (const name of names) {
    const pid = Number(/^iamflow-test-(?:dist|code-cache)-(\d+)$/.exec(name)?.[1])
    if (!pid || alive(pid)) continue
    rmSync(join(cache, name), { recursive: true, force: true })
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
