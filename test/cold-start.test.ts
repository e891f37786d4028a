import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, describe, expect, inject, it } from 'vitest'

/**
 * What a cold `iamflow run scenarios/assume-role.yaml` loads (issue 19): the bin's chunks, which
 * its chunk loader compiles (src/cli/bundle-loader.ts; bench/lib/count-modules logs them from the
 * loader's diagnostics channel, and every ES module from Node's loader), and the packages bundled
 * in them (rolldown names each bundled file in a `// path` line).
 */
const work = mkdtempSync(join(tmpdir(), 'iamflow-cold-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

interface Loaded {
  code: number | null
  packages: Set<string>
  files: string[]
  /** The ES modules Node's loader loaded from files (the bin's main.js and loader.js only). */
  esModules: string[]
  /** The chunks the bin's loader compiled, by name, with the code cache's outcome. */
  chunks: Map<string, string>
}

function loadedPackages(args: string[], env: NodeJS.ProcessEnv = {}): Loaded {
  const log = join(work, `${args[0]}-${Math.random().toString(36).slice(2)}.log`)
  const register = pathToFileURL(resolve('bench/lib/count-modules/register.mjs')).href
  const r = spawnSync(process.execPath, ['--import', register, inject('iamflowCli'), ...args], { env: { ...process.env, ...env, IAMFLOW_BENCH_LOAD_LOG: log }, encoding: 'utf8' })
  const lines = readFileSync(log, 'utf8').split('\n')
  const esModules = lines.filter((l) => l.startsWith('module file:')).map((l) => fileURLToPath(l.slice('module '.length)))
  const chunkLines = lines.filter((l) => l.startsWith('chunk-')).map((l) => [fileURLToPath(l.slice(l.indexOf(' ') + 1)), l.slice('chunk-'.length, l.indexOf(' '))] as const)
  const files = [...esModules, ...chunkLines.map(([c]) => c)].flatMap((c) => [...readFileSync(c, 'utf8').matchAll(/^\/\/ (\S+\.[cm]?js)$/gm)].map((m) => m[1]!))
  const packages = new Set(files.flatMap((f) => /(?:^|\/)((?:@[^/.]+\/)?[^/.][^/]*)\/(?:lib|src|dist|dist-es|dist-cjs|build|index\.js)/.exec(f)?.[1] ?? []))
  const chunks = new Map(chunkLines.map(([c, outcome]) => [c.replace(/.*\//, ''), outcome]))
  return { code: r.status, packages, files, esModules: esModules.map((m) => m.replace(/.*\//, '')), chunks }
}

describe('cold start', () => {
  it('a run of assume-role.yaml loads no SAML or XML-signature code, no ajv compiler, no CommonJS build of the SDK, and no SDK client (its IAM, STS and S3 calls run in process)', () => {
    const { code, packages, files, esModules, chunks } = loadedPackages(['run', 'scenarios/assume-role.yaml', '--runs-dir', join(work, 'runs')])
    expect(code).toBe(0)
    // Node's ES module loader sees the two small entry modules; every chunk goes through the bin's loader.
    expect(esModules.sort()).toEqual(['loader.js', 'main.js'])
    expect(chunks.get('main.cjs')).toBeDefined()
    expect(chunks.size).toBeGreaterThan(20)
    expect(packages.has('yaml')).toBe(true) // the detector sees bundled packages
    // Embedded, IAM, STS and S3 go in process (src/emulator/protocols/direct.ts, s3-direct.ts): no SDK client, no smithy.
    expect([...packages].filter((p) => p.startsWith('@aws-sdk/') || p.startsWith('@smithy/'))).toEqual([])
    expect([...packages].filter((p) => ['xml-crypto', '@xmldom/xmldom', 'xpath', 'ajv', 'fast-uri', 'ajv-formats'].includes(p))).toEqual([])
    expect(files.filter((f) => /\/dist-cjs\//.test(f))).toEqual([])
    // Only the input validators of the scenario's own actions.
    expect(files.filter((f) => f.includes('validators/inputs/')).map((f) => f.replace(/.*\//, '')).sort()).toEqual(
      ['iam.attachRolePolicy', 'iam.createAccessKey', 'iam.createPolicy', 'iam.createRole', 'iam.createUser', 's3.listBuckets', 'sts.assumeRole', 'sts.getCallerIdentity'].map((a) => `${a}.generated.js`),
    )
  })

  it("a run makes no Intl.Segmenter (string-width's, which loads ICU data, is made at first use); --help still measures wide text", () => {
    // A preload counting the segmenters made, written to a file at exit.
    const count = join(work, 'segmenters.txt')
    const preload = `data:text/javascript,${encodeURIComponent(`import { writeFileSync } from 'node:fs'; const S = Intl.Segmenter; let n = 0; Intl.Segmenter = class extends S { constructor(...a) { super(...a); n++ } }; process.on('exit', () => writeFileSync(${JSON.stringify(count)}, String(n)))`)}`
    const r = spawnSync(process.execPath, ['--import', preload, inject('iamflowCli'), 'run', 'scenarios/assume-role.yaml', '--runs-dir', join(work, 'runs')], { encoding: 'utf8' })
    expect(r.status, r.stderr).toBe(0)
    expect(readFileSync(count, 'utf8')).toBe('0')
    const help = spawnSync(process.execPath, ['--import', preload, inject('iamflowCli'), 'run', '--help'], { encoding: 'utf8', env: { ...process.env, COLUMNS: '80' } })
    expect(help.status).toBe(0)
    expect(Number(readFileSync(count, 'utf8'))).toBeGreaterThan(0)
    expect(Math.max(...help.stdout.split('\n').map((l) => l.length))).toBeLessThanOrEqual(80)
    // Nor any RGI emoji regex (11-15 ms to build): no such literal is left in the bundle, each is made at first use.
    const bundled = readdirSync(dirname(inject('iamflowCli'))).filter((f) => f.endsWith('.cjs')).map((f) => readFileSync(join(dirname(inject('iamflowCli')), f), 'utf8')).join('\n')
    expect(bundled).not.toContain('/^\\p{RGI_Emoji}$/v')
    expect(bundled.match(/.{0,20}new (?:Intl\.Segmenter|RegExp\("\^\\\\p\{RGI_Emoji\}\$")/g)?.map((m) => m.includes('??= new'))).toEqual([true, true, true, true])
  })
})
