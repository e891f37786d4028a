import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, describe, expect, inject, it } from 'vitest'

/**
 * What a cold `iamflow run scenarios/assume-role.yaml` loads (issue 19): the bin's chunks that go
 * through the ESM loader (bench/lib/count-modules logs them), and the packages bundled in them
 * (rolldown names each bundled file in a `// path` line).
 */
const work = mkdtempSync(join(tmpdir(), 'iamflow-cold-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

function loadedPackages(args: string[]): { code: number | null; packages: Set<string>; files: string[] } {
  const log = join(work, `${args[0]}.log`)
  const register = pathToFileURL(resolve('bench/lib/count-modules/register.mjs')).href
  const r = spawnSync(process.execPath, ['--import', register, inject('iamflowCli'), ...args], { env: { ...process.env, IAMFLOW_BENCH_LOAD_LOG: log }, encoding: 'utf8' })
  const chunks = readFileSync(log, 'utf8').split('\n').filter((l) => l.startsWith('module file:')).map((l) => fileURLToPath(l.slice('module '.length)))
  const files = chunks.flatMap((c) => [...readFileSync(c, 'utf8').matchAll(/^\/\/ (\S+\.[cm]?js)$/gm)].map((m) => m[1]!))
  const packages = new Set(files.flatMap((f) => /(?:^|\/)((?:@[^/.]+\/)?[^/.][^/]*)\/(?:lib|src|dist|dist-es|dist-cjs|build|index\.js)/.exec(f)?.[1] ?? []))
  return { code: r.status, packages, files }
}

describe('cold start', () => {
  it('a run of assume-role.yaml loads no SAML or XML-signature code, no ajv compiler, no CommonJS build of the SDK, and no SDK client (its IAM, STS and S3 calls run in process)', () => {
    const { code, packages, files } = loadedPackages(['run', 'scenarios/assume-role.yaml', '--runs-dir', join(work, 'runs')])
    expect(code).toBe(0)
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
})
