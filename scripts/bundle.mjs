#!/usr/bin/env node
// The CLI as users start it: dist/bundle/main.js, iamflow and its dependencies bundled by rolldown
// (tree-shaken) from tsc's output in dist/. Node then reads a few dozen files instead of about
// 1,000 modules, which is most of `iamflow run`'s start-up time.
//
// The chunks are CommonJS (`*.cjs`), loaded by src/cli/bundle-loader.ts (bundled alone as
// `loader.js`) through `vm.Script`, which takes V8's cached data: on Node 20 that is the only
// way to a code cache (issue 19; ES modules have none before Node 22's enableCompileCache).
// `main.js` and `worker-main.js` are two-line ES modules handing their chunk to the loader;
// `--parallel` starts worker-main.js on worker threads from beside the chunk that holds
// suite-threads (`new URL('./worker-main.js', import.meta.url)`).
//
//   node scripts/bundle.mjs [DIST]        (default dist/; `npm run build` runs it)
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

/** Entry points of the bundle, relative to the tsc output directory. */
export const BUNDLE_ENTRIES = { main: 'cli/main.js', 'worker-main': 'engine/suite/workers/worker-main.js' }
/** The chunk loader (and its code cache), relative to the tsc output directory. */
export const LOADER_ENTRY = 'cli/bundle-loader.js'

/**
 * `import.meta` left in a CommonJS chunk becomes `{}`. rolldown rewrites `import.meta.url` (to
 * the chunk's file URL); the uses it cannot rewrite are refused, except these, which iamflow
 * never reaches: yargs' `extends` in a config object (`import.meta.resolve`).
 */
const IMPORT_META_ALLOWED = [/\/yargs\/build\/lib\/utils\/apply-extends\.js$/]

/** Bundle `dist` (tsc's output) into `dist/bundle/`; returns the CLI entry's path. */
export async function bundle(dist) {
  const { rolldown } = await import('rolldown')
  const out = join(dist, 'bundle')
  rmSync(out, { recursive: true, force: true })
  const input = Object.fromEntries(Object.entries(BUNDLE_ENTRIES).map(([name, file]) => [name, join(dist, file)]))
  const refused = []
  const onLog = (level, log, handler) => {
    if (log.code === 'EMPTY_IMPORT_META') {
      if (IMPORT_META_ALLOWED.some((re) => re.test(log.id ?? ''))) return
      refused.push(`${log.id}: ${log.message}`)
    }
    handler(level, log)
  }
  const build = await rolldown({ input, platform: 'node', logLevel: 'warn', onLog, plugins: [sdkModules(), lazySegmenters(), noDynamicImport()] })
  try {
    await build.write({ dir: out, format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: '[name]-[hash].cjs', charset: 'ascii', comments: { legal: true, annotation: true, jsdoc: false }, dynamicImportInCjs: false })
  } finally {
    await build.close()
  }
  if (refused.length > 0) throw new Error(`import.meta in a CommonJS chunk:\n${refused.join('\n')}`)
  const loader = await rolldown({ input: { loader: join(dist, LOADER_ENTRY) }, platform: 'node', logLevel: 'warn' })
  try {
    await loader.write({ dir: out, format: 'esm', entryFileNames: '[name].js' })
  } finally {
    await loader.close()
  }
  for (const name of Object.keys(BUNDLE_ENTRIES)) {
    const file = join(out, `${name}.js`)
    writeFileSync(file, `${name === 'main' ? '#!/usr/bin/env node\n' : ''}import { boot } from './loader.js'\nboot(import.meta.url, '${name}.cjs')\n`)
    if (name === 'main') chmodSync(file, 0o755)
  }
  return join(out, 'main.js')
}

/** The module-level segmenter of string-width (three copies: yargs' cliui and wrap-ansi, and its own). */
const SEGMENTER = 'const segmenter = new Intl.Segmenter();'
/** string-width 8's RGI emoji pattern (only `.test` is called on it). */
const RGI_EMOJI = 'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;'
const STRING_WIDTH = /[\\/]node_modules[\\/](?:.+[\\/])?string-width[\\/]index\.js$/

/**
 * string-width makes an `Intl.Segmenter` and, since version 8, a `/^\p{RGI_Emoji}$/v` regex when
 * it is imported: the first loads ICU's break-iterator data (about 14 ms), the second builds the
 * emoji sequence set (11-15 ms), on every command (yargs imports string-width for its help
 * layout, which a `run` never renders). Both are made at their first use instead. The segmenter
 * line must be there exactly once, the emoji line at most once, so an upgrade that changes them
 * fails the build.
 */
function lazySegmenters() {
  const once = (code, line, id, required) => {
    const at = code.indexOf(line)
    if (at >= 0 ? code.indexOf(line, at + 1) >= 0 : required) throw new Error(`${id}: expected one "${line}" line (string-width changed: update scripts/bundle.mjs)`)
    return at
  }
  return {
    name: 'iamflow:lazy-segmenters',
    transform(code, id) {
      if (!STRING_WIDTH.test(id)) return null
      once(code, SEGMENTER, id, true)
      let out = code.replace(SEGMENTER, () => 'let segmenterMade; const segmenter = { segment: (text) => (segmenterMade ??= new Intl.Segmenter()).segment(text) };')
      if (once(code, RGI_EMOJI, id, false) >= 0) {
        out = out.replace(RGI_EMOJI, () => 'let rgiEmojiMade; const rgiEmojiRegex = { test: (text) => (rgiEmojiMade ??= new RegExp("^\\\\p{RGI_Emoji}$", "v")).test(text) };')
      }
      return { code: out, map: null }
    },
  }
}

/**
 * Refuses a chunk that still holds an `import()` expression. A function V8 restores from cached
 * data has lost the host options that route `import()` (Node 20: ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING,
 * and vm's main-context loader is experimental and warns), so the chunks must not use it:
 * `dynamicImportInCjs: false` turns `import('node:http')` and the like into `require()`.
 */
function noDynamicImport() {
  const found = (node) => {
    if (node === null || typeof node !== 'object') return false
    if (node.type === 'ImportExpression') return true
    for (const value of Object.values(node)) {
      if (Array.isArray(value) ? value.some(found) : typeof value === 'object' && found(value)) return true
    }
    return false
  }
  return {
    name: 'iamflow:no-dynamic-import',
    renderChunk(code, chunk) {
      if (found(this.parse(code))) throw new Error(`${chunk.fileName}: an import() expression is left in a CommonJS chunk (see noDynamicImport in scripts/bundle.mjs)`)
      return null
    },
  }
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
