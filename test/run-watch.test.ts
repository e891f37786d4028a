import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runIamflow, spawnIamflow } from './run-cli-helpers.js'

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

const LAB = (user: string) =>
  [
    'name: watch-lab',
    'steps:',
    '  - id: user',
    '    action: iam.createUser',
    `    input: { UserName: ${user} }`,
    '  - id: policy',
    '    action: iam.putUserPolicy',
    '    input:',
    `      UserName: ${user}`,
    '      PolicyName: p',
    '      PolicyDocument: { file: policies/p.json }',
    '',
  ].join('\n')

const POLICY = (action: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] })

/** Save as editors do: write a new file beside it, then rename it over the old one. */
function saveByRename(file: string, text: string): void {
  writeFileSync(`${file}.tmp~`, text)
  renameSync(`${file}.tmp~`, file)
}

const count = (text: string, re: RegExp) => text.match(new RegExp(re.source, 'g'))?.length ?? 0

describe('run --watch (issue 17)', () => {
  it('reruns on a save of the scenario or of a policy file it reads, reports a broken edit and keeps watching, stops cleanly on Ctrl-C', async () => {
    const dir = scratch('iamflow-watch-')
    mkdirSync(join(dir, 'policies'))
    writeFileSync(join(dir, 'lab.yaml'), LAB('watch-user'))
    writeFileSync(join(dir, 'policies', 'p.json'), POLICY('s3:ListAllMyBuckets'))
    const p = spawnIamflow(['run', 'lab.yaml', '--watch', '--reporter', 'console', '--reporter', 'html', '--output', 'report.html'], { cwd: dir, env: { AWS_ENDPOINT_URL: '' } })
    const runs = (n: number) => p.waitFor(new RegExp(`(?:\\[watch\\] watching[^\\n]*\\n[^]*){${n}}`))
    try {
      await runs(1)
      expect(p.stderr()).toContain('[watch] watching 1 scenario and 1 policy file (last run exit 0); Ctrl-C to stop')

      // A policy file saved by rename: the scenario that reads it runs again.
      saveByRename(join(dir, 'policies', 'p.json'), POLICY('s3:ListBucket'))
      await runs(2)
      expect(p.stderr()).toContain('[watch] changed: policies/p.json: running lab.yaml')

      // A broken edit: the located error, and the loop goes on (the policy file is still watched).
      writeFileSync(join(dir, 'lab.yaml'), `${LAB('watch-user')}oops: [\n`)
      await runs(3)
      expect(p.stderr()).toMatch(/lab\.yaml:\d+:\d+: error \[yaml-syntax\]/)
      expect(p.stderr()).toContain('[watch] watching 1 scenario and 1 policy file (last run exit 2)')

      // Fixed, by rename: runs again with the new content.
      saveByRename(join(dir, 'lab.yaml'), LAB('watch-user-2'))
      await runs(4)
      expect(p.stderr().trimEnd().split('\n').at(-1)).toContain('(last run exit 0)')
      // The report file is rewritten by every run: it shows the latest.
      const report = readFileSync(join(dir, 'report.html'), 'utf8')
      expect(report).toContain('&quot;UserName&quot;: &quot;watch-user-2&quot;')
      expect(report.match(/<details class="run /g)).toHaveLength(1)
    } finally {
      p.child.kill('SIGINT')
    }
    expect(await p.exit).toBe(0)
    expect(p.stderr()).toContain('[watch] stopped')
    // Three runs happened, each torn down in full on its own fresh emulator.
    expect(count(p.stdout(), /PASSED 2\/2 steps passed/)).toBe(3)
    expect(count(p.stdout(), /teardown: 2 undone/)).toBe(3)
    expect(p.stdout()).toContain('watch-lab (lab.yaml) run')
  }, 90_000)

  it('does not rerun when a file is touched but its content is unchanged', async () => {
    const dir = scratch('iamflow-watch-')
    mkdirSync(join(dir, 'policies'))
    writeFileSync(join(dir, 'lab.yaml'), LAB('watch-user'))
    writeFileSync(join(dir, 'policies', 'p.json'), POLICY('s3:ListAllMyBuckets'))
    writeFileSync(join(dir, 'other.txt'), 'x')
    const p = spawnIamflow(['run', 'lab.yaml', '--watch'], { cwd: dir, env: { AWS_ENDPOINT_URL: '' } })
    try {
      await p.waitFor(/\[watch\] watching/)
      writeFileSync(join(dir, 'lab.yaml'), readFileSync(join(dir, 'lab.yaml')))
      writeFileSync(join(dir, 'other.txt'), 'y')
      // A real change after the no-ops: exactly one rerun follows, for the real change.
      writeFileSync(join(dir, 'policies', 'p.json'), POLICY('s3:ListBucket'))
      await p.waitFor(/changed: policies\/p\.json: running lab\.yaml/)
      await p.waitFor(/(?:\[watch\] watching[^]*){2}/)
    } finally {
      p.child.kill('SIGINT')
    }
    expect(await p.exit).toBe(0)
    expect(count(p.stderr(), /\[watch\] changed:/)).toBe(1)
    expect(p.stderr()).not.toContain('changed: lab.yaml')
  }, 60_000)

  it('a saved file that --filter leaves out is said as such, not an error', async () => {
    const dir = scratch('iamflow-watch-')
    mkdirSync(join(dir, 'policies'))
    writeFileSync(join(dir, 'lab.yaml'), LAB('watch-user'))
    writeFileSync(join(dir, 'other.yaml'), 'name: other\nsteps:\n  - id: who\n    action: sts.getCallerIdentity\n')
    writeFileSync(join(dir, 'policies', 'p.json'), POLICY('s3:ListAllMyBuckets'))
    const p = spawnIamflow(['run', 'lab.yaml', 'other.yaml', '--watch', '--filter', 'watch-lab'], { cwd: dir, env: { AWS_ENDPOINT_URL: '' } })
    try {
      await p.waitFor(/\[watch\] watching 2 scenarios and 1 policy file/)
      writeFileSync(join(dir, 'other.yaml'), 'name: other\nsteps:\n  - id: who2\n    action: sts.getCallerIdentity\n')
      await p.waitFor(/\[watch\] other\.yaml: left out by --filter\/--exclude/)
    } finally {
      p.child.kill('SIGINT')
    }
    expect(await p.exit).toBe(0)
    expect(p.stderr()).not.toContain('error [')
  }, 60_000)

  it('Ctrl-C during a run tears it down, then stops watching (exit 130)', async () => {
    const dir = scratch('iamflow-watch-')
    const lab = join(process.cwd(), 'scenarios', 'assume-role.yaml')
    const p = spawnIamflow(['run', lab, '--watch', '--consistency-delay', '30000'], { cwd: dir, env: { AWS_ENDPOINT_URL: '' } })
    await p.waitFor(/user-cannot-list: waiting for propagation/)
    p.child.kill('SIGINT')
    expect(await p.exit).toBe(130)
    expect(p.stdout()).toContain('teardown: 2 undone')
    expect(p.stdout()).toContain('INTERRUPTED')
    expect(p.stderr()).toContain('[watch] stopped')
    expect(p.stderr()).not.toContain('[watch] watching')
  }, 60_000)

  it('refuses --watch with a target other than a fresh embedded emulator (exit 2)', async () => {
    const dir = scratch('iamflow-watch-')
    mkdirSync(join(dir, 'policies'))
    writeFileSync(join(dir, 'lab.yaml'), LAB('watch-user'))
    writeFileSync(join(dir, 'policies', 'p.json'), POLICY('s3:ListAllMyBuckets'))
    const aws = await runIamflow(['run', 'lab.yaml', '--watch', '--target', 'aws', '--account', '123456789012'], { cwd: dir, env: { AWS_ENDPOINT_URL: '' } })
    expect(aws.code).toBe(2)
    expect(aws.stderr).toContain('error [watch-needs-embedded]: --watch reruns on a fresh embedded emulator each time; it cannot be used with --target aws')
    const state = await runIamflow(['run', 'lab.yaml', '--watch', '--state', 's.json'], { cwd: dir, env: { AWS_ENDPOINT_URL: '' } })
    expect(state.code).toBe(2)
    expect(state.stderr).toContain('[watch-needs-embedded]')
    const endpoint = await runIamflow(['run', 'lab.yaml', '--watch'], { cwd: dir, env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:9' } })
    expect(endpoint.code).toBe(2)
    expect(endpoint.stderr).toContain('cannot be used with AWS_ENDPOINT_URL (http://127.0.0.1:9)')
  }, 60_000)
})
