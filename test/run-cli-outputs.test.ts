import { spawn } from 'node:child_process'
import { chmodSync, copyFileSync, existsSync, linkSync, mkdirSync, openSync, closeSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, inject, it } from 'vitest'
import { runIamflow, spawnIamflow } from './run-cli-helpers.js'
import { cleanTmp, tmp } from './runner-helpers.js'

/**
 * Issue 12, item 8 (CLI): `iamflow run | head` died with an EPIPE stack trace and skipped
 * teardown; `--output` naming the scenario emptied it; a report that could not be written was
 * lost with exit 0. And defect 6's file modes: ledgers and reports are the operator's alone.
 */
afterEach(cleanTmp)

const ASSUME_ROLE = resolve('scenarios/assume-role.yaml')
const noEndpoint = { AWS_ENDPOINT_URL: '', NO_COLOR: '1' }
const hasDevFull = existsSync('/dev/full')

/** The single run's ledger records under `cwd`'s default runs directory. */
function ledgerOf(cwd: string): Array<Record<string, unknown>> {
  const runs = join(cwd, '.iamflow', 'runs')
  const ids = readdirSync(runs)
  expect(ids).toHaveLength(1)
  return readFileSync(join(runs, ids[0], 'ledger.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>)
}

/** Teardown ran to the end: every undo done, an end record with nothing left. */
function expectTornDown(cwd: string, status = 'passed'): void {
  const records = ledgerOf(cwd)
  const undos = records.filter((r) => r.t === 'undo').length
  expect(undos).toBe(5)
  expect(records.filter((r) => r.t === 'done')).toHaveLength(undos)
  expect(records[records.length - 1]).toMatchObject({ t: 'end', status, leftovers: 0 })
}

/** Spawn the CLI with stdout on a pipe whose reader is already gone (what `| head` leaves behind). */
function runWithClosedStdout(args: string[], cwd: string): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [inject('iamflowCli'), ...args], { cwd, env: { ...process.env, ...noEndpoint }, stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout!.destroy()
  let stderr = ''
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString('utf8')))
  return new Promise((done) => child.on('close', (code) => done({ code, stderr })))
}

describe('iamflow run: stdout and report files', () => {
  it('a reader that leaves early (| head): no stack trace, teardown completes, the exit code is the run\u2019s', { timeout: 120_000 }, async () => {
    const cwd = tmp()
    const r = await runWithClosedStdout(['run', ASSUME_ROLE], cwd)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expectTornDown(cwd)
    // A failing run still exits 1, and the JSON report to a file is complete.
    const failing = tmp()
    writeFileSync(join(failing, 'fail.yaml'), 'name: fail\nsteps:\n  - id: get\n    action: iam.getUser\n    input: { UserName: nobody }\n')
    const f = await runWithClosedStdout(['run', 'fail.yaml', '--reporter', 'console', '--reporter', 'json', '--output', 'r.json'], failing)
    expect(f.stderr).toBe('')
    expect(f.code).toBe(1)
    expect(JSON.parse(readFileSync(join(failing, 'r.json'), 'utf8')).summary).toMatchObject({ runs: 1, failed: 1, exitCode: 1 })
  })

  it('through a shell pipe into head -n 1 as well', { timeout: 120_000 }, async () => {
    const cwd = tmp()
    const child = spawn('bash', ['-c', `"${process.execPath}" "${inject('iamflowCli')}" run "${ASSUME_ROLE}" | head -n 1; echo "iamflow-exit=\${PIPESTATUS[0]}" >&2`], {
      cwd,
      env: { ...process.env, ...noEndpoint },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')))
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')))
    await new Promise((done) => child.on('close', done))
    expect(out).toMatch(/^assume-role \(.*\) run \S+ on embedded emulator/)
    expect(out.split('\n').filter(Boolean)).toHaveLength(1)
    expect(err).toBe('iamflow-exit=0\n')
    expectTornDown(cwd)
  })

  it.runIf(hasDevFull)('a report that cannot be written (ENOSPC: /dev/full) is said on stderr after teardown, and the run exits 3', { timeout: 120_000 }, async () => {
    const cwd = tmp()
    const r = await runIamflow(['run', ASSUME_ROLE, '--reporter', 'console', '--reporter', 'junit', '--output', '/dev/full'], { cwd, env: noEndpoint })
    expect(r.stdout).toContain('PASSED 9/9 steps passed')
    expect(r.stderr).toBe(
      'error [report-not-written]: the junit report to /dev/full is incomplete: ENOSPC: no space left on device, write\n' +
        'hint: the run itself finished (teardown included); free space or choose another --output, and run again for a complete report\n',
    )
    expect(r.code).toBe(3)
    expectTornDown(cwd)
  })

  it.runIf(hasDevFull)('stdout that cannot be written (> /dev/full) makes the run exit 3 with a message, after teardown', { timeout: 120_000 }, async () => {
    const cwd = tmp()
    const full = openSync('/dev/full', 'w')
    try {
      const child = spawn(process.execPath, [inject('iamflowCli'), 'run', ASSUME_ROLE], { cwd, env: { ...process.env, ...noEndpoint }, stdio: ['ignore', full, 'pipe'] })
      let stderr = ''
      child.stderr!.on('data', (d: Buffer) => (stderr += d.toString('utf8')))
      const code = await new Promise((done) => child.on('close', done))
      expect(stderr).toBe('error [stdout-failed]: output to stdout was lost: ENOSPC: no space left on device, write\nhint: the command itself finished; check where stdout goes (disk full?) and run it again\n')
      expect(code).toBe(3)
    } finally {
      closeSync(full)
    }
    expectTornDown(cwd)
  })

  it('an --output that cannot be opened (a directory, a path through a file) stops before anything runs, exit 2', { timeout: 120_000 }, async () => {
    const cwd = tmp()
    mkdirSync(join(cwd, 'reports'))
    writeFileSync(join(cwd, 'plain'), 'x')
    for (const output of ['reports', 'plain/report.xml']) {
      const r = await runIamflow(['run', ASSUME_ROLE, '--reporter', 'junit', '--output', output], { cwd, env: noEndpoint })
      expect(r.code).toBe(2)
      expect(r.stderr).toMatch(new RegExp(`^error \\[bad-output\\]: cannot write ${output}: (EISDIR|ENOTDIR)`))
    }
    expect(existsSync(join(cwd, '.iamflow'))).toBe(false)
  })

  it('--output naming an input of the run (any spelling) or another report is refused before anything is opened', { timeout: 120_000 }, async () => {
    const cwd = tmp()
    const lab = join(cwd, 'lab.yaml')
    copyFileSync(ASSUME_ROLE, lab)
    const original = readFileSync(lab, 'utf8')
    mkdirSync(join(cwd, 'sub'))
    symlinkSync('lab.yaml', join(cwd, 'link.yaml'))
    linkSync(lab, join(cwd, 'hard.yaml'))
    writeFileSync(join(cwd, 'state.json'), '')
    const cases: Array<[string[], string]> = [
      [['--reporter', 'junit', '--output', 'lab.yaml'], '--output lab.yaml is a scenario file of the run: writing the junit report there would destroy it'],
      [['--reporter', 'json', '--output', './sub/../lab.yaml'], '--output ./sub/../lab.yaml is a scenario file of the run: writing the json report there would destroy it'],
      [['--reporter', 'json', '--output', lab], `--output ${lab} is a scenario file of the run: writing the json report there would destroy it`],
      [['--reporter', 'junit', '--output', 'link.yaml'], '--output link.yaml is a scenario file of the run (lab.yaml): writing the junit report there would destroy it'],
      [['--reporter', 'junit', '--output', 'hard.yaml'], '--output hard.yaml is a scenario file of the run (lab.yaml): writing the junit report there would destroy it'],
      [['--state', 'state.json', '--reporter', 'json', '--output', 'state.json'], '--output state.json is the emulator state file (--state): writing the json report there would destroy it'],
      [['--reporter', 'json', '--output', 'r.out', '--reporter', 'junit', '--output', './sub/../r.out'], '--output ./sub/../r.out is also the output of the json reporter (r.out): one report would overwrite the other'],
    ]
    for (const [flags, message] of cases) {
      const r = await runIamflow(['run', 'lab.yaml', ...flags], { cwd, env: noEndpoint })
      expect(r.stderr, flags.join(' ')).toBe(`error [output-conflict]: ${message}\nhint: ${flags.includes('r.out') ? 'give each reporter its own --output file' : 'write each report to a file of its own, e.g. --output report.xml'}\n`)
      expect(r.code).toBe(2)
      expect(readFileSync(lab, 'utf8')).toBe(original)
    }
    expect(existsSync(join(cwd, 'r.out'))).toBe(false)
    expect(existsSync(join(cwd, '.iamflow'))).toBe(false)
    // The AWS credentials file is an input too.
    const creds = join(cwd, 'aws-credentials')
    writeFileSync(creds, '[default]\n')
    const r = await runIamflow(['run', 'lab.yaml', '--reporter', 'json', '--output', creds], { cwd, env: { ...noEndpoint, AWS_SHARED_CREDENTIALS_FILE: creds } })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`--output ${creds} is the AWS credentials file`)
    expect(readFileSync(creds, 'utf8')).toBe('[default]\n')
    // Devices are exempt: nothing is lost by opening them twice.
    const devices = await runIamflow(['run', 'lab.yaml', '--reporter', 'json', '--output', '/dev/null', '--reporter', 'junit', '--output', '/dev/null'], { cwd, env: noEndpoint })
    expect(devices.code).toBe(0)
  })

  it('a working directory removed mid-run: a clear error and exit 3 after teardown, not a process spinning forever in mkdir', { timeout: 120_000 }, async () => {
    const cwd = tmp()
    const run = spawnIamflow(['run', ASSUME_ROLE, '--consistency-delay', '500'], { cwd, env: noEndpoint })
    const spinning = setTimeout(() => run.child.kill('SIGKILL'), 90_000)
    try {
      await run.waitFor(/ run \S+ on embedded emulator/)
      rmSync(cwd, { recursive: true, force: true })
      expect(await run.exit).toBe(3)
    } finally {
      clearTimeout(spinning)
    }
    expect(run.stdout()).toContain('teardown: 5 undone')
    expect(run.stderr()).toMatch(/^error \[runs-dir-unusable\]: cannot create the run directory \.iamflow\/runs\/\S+: the working directory was removed while iamflow ran\n/)
  })

  it('ledgers are mode 600 in mode 700 run directories; new reports are 600, an existing report keeps its mode', { timeout: 120_000 }, async () => {
    const cwd = tmp()
    writeFileSync(join(cwd, 'kept.json'), '')
    chmodSync(join(cwd, 'kept.json'), 0o640)
    const r = await runIamflow(['run', ASSUME_ROLE, '--reporter', 'json', '--output', 'new.json', '--reporter', 'junit', '--output', 'kept.json'], { cwd, env: noEndpoint })
    expect(r.code).toBe(0)
    const mode = (p: string) => statSync(join(cwd, p)).mode & 0o777
    const [id] = readdirSync(join(cwd, '.iamflow', 'runs'))
    expect(mode('.iamflow')).toBe(0o700)
    expect(mode('.iamflow/runs')).toBe(0o700)
    expect(mode(`.iamflow/runs/${id}`)).toBe(0o700)
    expect(mode(`.iamflow/runs/${id}/ledger.jsonl`)).toBe(0o600)
    expect(mode('new.json')).toBe(0o600)
    expect(mode('kept.json')).toBe(0o640)
    expect(readFileSync(join(cwd, 'kept.json'), 'utf8')).toMatch(/^<\?xml/)
  })
})
