#!/usr/bin/env node
// The CLI as users start it: dist/bundle/main.js, one ES module graph of iamflow and its
// dependencies (rolldown, tree-shaken), built from tsc's output in dist/. Node then reads a few
// dozen files instead of about 1,000 modules, which is most of `iamflow run`'s start-up time.
// worker-main.js is a second entry: `--parallel` starts it on worker threads from beside the
// chunk that holds suite-threads (`new URL('./worker-main.js', import.meta.url)`).
//
//   node scripts/bundle.mjs [DIST]        (default dist/; `npm run build` runs it)
import { rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

/** Entry points of the bundle, relative to the tsc output directory. */
export const BUNDLE_ENTRIES = { main: 'cli/main.js', 'worker-main': 'engine/suite/workers/worker-main.js' }

/** Bundle `dist` (tsc's output) into `dist/bundle/`; returns the CLI entry's path. */
export async function bundle(dist) {
  const { rolldown } = await import('rolldown')
  const out = join(dist, 'bundle')
  rmSync(out, { recursive: true, force: true })
  const input = Object.fromEntries(Object.entries(BUNDLE_ENTRIES).map(([name, file]) => [name, join(dist, file)]))
  const build = await rolldown({ input, platform: 'node', logLevel: 'warn' })
  try {
    await build.write({ dir: out, format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' })
  } finally {
    await build.close()
  }
  return join(out, 'main.js')
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dist = resolve(process.argv[2] ?? join(fileURLToPath(new URL('..', import.meta.url)), 'dist'))
  await bundle(dist)
}
