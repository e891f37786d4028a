import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { afterAll, describe, expect, inject, it } from 'vitest'

/**
 * What `npm pack` would publish: this repository's package.json, README, schema/ and scenarios/,
 * and dist/ as `npm run build` makes it (the test run's own build of src/, made the same way by
 * test/global-setup.ts). Packed in a copy, so the repository's dist/ is never rebuilt here.
 */
const work = mkdtempSync(join(tmpdir(), 'iamflow-pack-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

function packedFiles(): string[] {
  const repo = resolve('.')
  for (const item of ['package.json', 'README.md', 'schema', 'scenarios']) cpSync(join(repo, item), join(work, item), { recursive: true })
  cpSync(dirname(dirname(inject('iamflowCli'))), join(work, 'dist'), { recursive: true })
  const npm = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: work, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'silent' } })
  if (npm.status !== 0) throw new Error(`npm pack failed: ${npm.stderr}`)
  return (JSON.parse(npm.stdout) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path).sort()
}

describe('the published package', () => {
  it('holds no test, case, fixture or testing helper, only the CLI, the schema and the scenario library', { timeout: 60_000 }, () => {
    const files = packedFiles()
    expect(files.filter((f) => /\.test\.|(^|\/)(testing|cases|fixtures?|__snapshots__|test|bench|scripts|models)(\/|$)|fixture/.test(f))).toEqual([])
    expect(files).toContain('dist/cli/main.js')
    expect(files).toContain('dist/bundle/main.js')
    expect(files).toContain('dist/bundle/worker-main.js')
    expect(files).toContain('dist/aws-model/input-shapes.generated.json')
    expect(files).toContain('schema/scenario.schema.json')
    expect(files).toContain('scenarios/assume-role.yaml')
    expect(files.filter((f) => !/^(dist\/|schema\/|scenarios\/|package\.json$|README\.md$)/.test(f))).toEqual([])
  })
})
