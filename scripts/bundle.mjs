#!/usr/bin/env node
// The CLI as users start it: dist/bundle/main.js, one ES module graph of iamflow and its
// dependencies (rolldown, tree-shaken), built from tsc's output in dist/. Node then reads a few
// dozen files instead of about 1,000 modules, which is most of `iamflow run`'s start-up time.
// worker-main.js is a second entry: `--parallel` starts it on worker threads from beside the
// chunk that holds suite-threads (`new URL('./worker-main.js', import.meta.url)`).
//
//   node scripts/bundle.mjs [DIST]        (default dist/; `npm run build` runs it)
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

/** Entry points of the bundle, relative to the tsc output directory. */
export const BUNDLE_ENTRIES = { main: 'cli/main.js', 'worker-main': 'engine/suite/workers/worker-main.js' }

/** Bundle `dist` (tsc's output) into `dist/bundle/`; returns the CLI entry's path. */
export async function bundle(dist) {
  const { rolldown } = await import('rolldown')
  const out = join(dist, 'bundle')
  rmSync(out, { recursive: true, force: true })
  const input = Object.fromEntries(Object.entries(BUNDLE_ENTRIES).map(([name, file]) => [name, join(dist, file)]))
  const build = await rolldown({ input, platform: 'node', logLevel: 'warn', plugins: [sdkModules()] })
  try {
    await build.write({ dir: out, format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' })
  } finally {
    await build.close()
  }
  return join(out, 'main.js')
}

/** The AWS SDK's packages: each ships the same code as CommonJS (`dist-cjs`, its Node entry) and as ES modules (`dist-es`). */
const SDK_SCOPES = new Set(['@aws-sdk', '@smithy', '@aws-crypto'])

/**
 * Bundles the SDK from its ES modules rather than its CommonJS build (issue 19, cold start). The
 * CommonJS build costs a Node process at start-up: every package is a wrapped module run through
 * the bundle's CommonJS interop, which copies each package's exports (a client exports
 * hundreds of commands and shapes); as ES modules the SDK is scope-hoisted into the chunks like
 * the rest, and only what is imported remains. Other packages resolve as Node resolves them.
 */
function sdkModules() {
  return {
    name: 'iamflow:sdk-es-modules',
    resolveId(source, importer) {
      const [scope, name, ...rest] = source.split('/')
      if (!SDK_SCOPES.has(scope) || !name || !importer) return null
      const dir = packageDir(`${scope}/${name}`, dirname(importer))
      if (!dir) return null
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
      const subpath = rest.length > 0 ? `./${rest.join('/')}` : '.'
      const target = pkg.exports ? esmTarget(pkg.exports[subpath]) : subpath === '.' ? pkg.module : undefined
      return typeof target === 'string' ? join(dir, target) : null
    },
  }
}

/** The `module` (else `import`) target of a package.json `exports` entry. */
function esmTarget(entry) {
  if (typeof entry !== 'object' || entry === null) return undefined
  const chosen = entry.module ?? entry.import
  return typeof chosen === 'string' ? chosen : esmTarget(chosen)
}

/** The directory of package `name` as Node finds it from `from` (the nearest node_modules holding it). */
function packageDir(name, from) {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name)
    if (existsSync(join(candidate, 'package.json'))) return candidate
    if (dirname(dir) === dir) return undefined
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dist = resolve(process.argv[2] ?? join(fileURLToPath(new URL('..', import.meta.url)), 'dist'))
  await bundle(dist)
}
