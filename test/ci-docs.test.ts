import { spawnSync } from 'node:child_process'
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { XMLParser } from 'fast-xml-parser'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { parse } from 'yaml'
import { expandScenarioPaths, parseShard, shardFiles } from '../src/engine/suite/scenario-files.js'

const scratchDirs: string[] = []
/** A temporary directory, removed after the file's tests. */
function scratch(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  scratchDirs.push(dir)
  return dir
}
afterAll(() => {
  for (const d of scratchDirs) rmSync(d, { recursive: true, force: true })
})

/**
 * docs/ci.md's recipes: the shell part of each (what the CI service would run, with the values
 * it would set) runs here against the scenario library, and the reports it writes are checked.
 * `npm ci` is the CI service's part and is left out; `npx iamflow` runs the CLI under test.
 */
const doc = readFileSync(new URL('../docs/ci.md', import.meta.url), 'utf8')
const blocks = [...doc.matchAll(/```yaml\n([^]*?)```/g)].map((m) => parse(m[1]) as Record<string, unknown>)
const github = blocks.find((b) => 'jobs' in b) as { jobs: { labs: { strategy: { matrix: { shard: number[] } }; steps: Array<{ run?: string; uses?: string }> } } }
const gitlab = blocks.find((b) => 'iam-labs' in b) as { 'iam-labs': { parallel: number; script: string[]; artifacts: { paths: string[]; reports: { junit: string } } } }

/** A scratch project with the scenario library, and an `npx` that runs only the iamflow under test. */
function project(): { cwd: string; env: NodeJS.ProcessEnv } {
  const cwd = scratch('iamflow-ci-')
  cpSync(join(process.cwd(), 'scenarios'), join(cwd, 'scenarios'), { recursive: true })
  const bin = join(cwd, '.bin')
  mkdirSync(bin)
  writeFileSync(join(bin, 'npx'), `#!/bin/sh\nif [ "$1" = iamflow ]; then shift; exec "${process.execPath}" "${inject('iamflowCli')}" "$@"; fi\necho "npx $* is not part of this test" >&2\nexit 97\n`)
  chmodSync(join(bin, 'npx'), 0o755)
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`, AWS_ENDPOINT_URL: '' }
  delete env.FORCE_COLOR
  return { cwd, env }
}

function bash(script: string, cwd: string, env: NodeJS.ProcessEnv) {
  return spawnSync('bash', ['-euo', 'pipefail', '-c', script], { cwd, env, encoding: 'utf8', timeout: 120_000 })
}

/** The scenario files a shard holds, as the CLI picks them. */
function shardOf(cwd: string, spec: string): string[] {
  return shardFiles(expandScenarioPaths([join(cwd, 'scenarios')]), parseShard(spec), cwd)
}

function checkJunit(file: string, scenarios: number) {
  const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(readFileSync(file, 'utf8'))
  const suites = [xml.testsuites.testsuite].flat()
  expect(suites).toHaveLength(scenarios)
  expect(Number(xml.testsuites.failures)).toBe(0)
  expect(Number(xml.testsuites.errors)).toBe(0)
}

function checkHtml(file: string) {
  const html = readFileSync(file, 'utf8')
  expect(html.startsWith('<!DOCTYPE html>')).toBe(true)
  expect(html).toContain('<span class="badge b-passed">passed</span>iamflow report')
}

describe('docs/ci.md', () => {
  it('has a GitHub Actions and a GitLab CI recipe that cache npm ci, shard over a matrix and keep JUnit and HTML reports', () => {
    expect(github.jobs.labs.strategy.matrix.shard).toEqual([1, 2, 3, 4])
    expect(github.jobs.labs.steps).toContainEqual(expect.objectContaining({ uses: 'actions/setup-node@v4', with: expect.objectContaining({ cache: 'npm' }) }))
    expect(gitlab['iam-labs'].parallel).toBe(4)
    expect(gitlab['iam-labs'].artifacts.reports.junit).toBe('junit.xml')
    expect(gitlab['iam-labs'].script[0]).toContain('npm ci --cache .npm')
  })

  it('GitHub Actions: the run step of shard 2 of 4 passes and writes its JUnit and HTML reports', () => {
    const { cwd, env } = project()
    const steps = github.jobs.labs.steps.filter((s) => s.run !== undefined && s.run.trim() !== 'npm ci')
    expect(steps).toHaveLength(1)
    const script = steps[0].run!.replace(/\$\{\{\s*matrix\.shard\s*\}\}/g, '2')
    expect(script).not.toContain('${{')
    const res = bash(script, cwd, env)
    expect(res.status, `${res.stdout}\n${res.stderr}`).toBe(0)
    const files = shardOf(cwd, '2/4')
    expect(files.length).toBeGreaterThan(0)
    expect(res.stdout).toMatch(/PASSED/)
    checkJunit(join(cwd, 'junit-2.xml'), files.length)
    checkHtml(join(cwd, 'report-2.html'))
  }, 120_000)

  it('GitLab CI: the script of job 3 of 4 (CI_NODE_INDEX/CI_NODE_TOTAL) passes and writes the artifacts it names', () => {
    const { cwd, env } = project()
    const job = gitlab['iam-labs']
    const script = job.script.filter((line) => !line.startsWith('npm ci')).join('\n')
    const res = bash(script, cwd, { ...env, CI_NODE_INDEX: '3', CI_NODE_TOTAL: String(job.parallel) })
    expect(res.status, `${res.stdout}\n${res.stderr}`).toBe(0)
    for (const p of job.artifacts.paths) expect(existsSync(join(cwd, p)), p).toBe(true)
    checkJunit(join(cwd, job.artifacts.reports.junit), shardOf(cwd, '3/4').length)
    checkHtml(join(cwd, 'report.html'))
  }, 120_000)
})
