// Make sure dist/ is built from the current sources before measuring it.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

function newestMtime(dir, accept) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name)
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p, accept))
    else if (accept(entry.name)) newest = Math.max(newest, statSync(p).mtimeMs)
  }
  return newest
}

/** Whether dist/ is missing or older than any non-test source file or the build config. */
export function distIsStale(root) {
  const marker = join(root, 'dist/bundle/main.js')
  if (!existsSync(marker)) return true
  const built = statSync(marker).mtimeMs
  const src = newestMtime(join(root, 'src'), (n) => n.endsWith('.ts') && !n.endsWith('.test.ts'))
  const config = Math.max(...['tsconfig.json', 'tsconfig.build.json', 'package.json'].map((f) => statSync(join(root, f)).mtimeMs))
  return src > built || config > built
}

/**
 * Build dist/ with tsc, then the bundle, when stale (compiler output goes to stderr, so `--json` keeps stdout
 * clean). A build with type errors still emits; it is reported, and the bench goes on if
 * dist/cli/main.js exists.
 */
export function ensureBuilt(root, log) {
  if (!distIsStale(root)) return { built: false }
  log('dist/ is stale: building (tsc -p tsconfig.build.json)')
  try {
    try {
      execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: ['ignore', 2, 2], timeout: 300_000 })
    } finally {
      // The bin (dist/bundle/main.js) as `npm run build` makes it, from whatever tsc emitted.
      if (existsSync(join(root, 'dist/cli/main.js'))) execFileSync(process.execPath, [join(root, 'scripts/bundle.mjs')], { cwd: root, stdio: ['ignore', 2, 2], timeout: 300_000 })
    }
    return { built: true }
  } catch (err) {
    if (!existsSync(join(root, 'dist/cli/main.js'))) throw new Error(`build failed and dist/ is missing: ${err.message}`)
    log('warning: the build reported errors; measuring what it emitted')
    return { built: true, buildErrors: true }
  }
}
