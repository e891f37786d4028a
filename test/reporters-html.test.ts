import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { RunEvent, RunResult, StepResult } from '../src/engine/events.js'
import { summarize } from '../src/engine/suite/suite.js'
import { HTML_JSON_CAP, HTML_TEXT_CAP } from '../src/reporters/html.js'
import { createReporter, fanOut } from '../src/reporters/index.js'
import { runIamflow } from './run-cli-helpers.js'

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

const XSS = '<script>alert("x")</script>'

const step = (over: Partial<StepResult>): StepResult => ({
  id: 'create-user',
  index: 0,
  action: 'iam.createUser',
  as: 'operator',
  status: 'passed',
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 3,
  attempts: 1,
  waitedMs: 0,
  expected: 'success',
  outcome: { kind: 'success' },
  input: { UserName: 'u' },
  failures: [],
  unverifiable: [],
  captures: {},
  ...over,
})

const failing = step({
  id: 'reader-lists',
  name: `Reader lists ${XSS}`,
  index: 1,
  action: 's3.listBuckets',
  as: 'reader',
  status: 'failed',
  principalArn: 'arn:aws:sts::123456789012:assumed-role/r/s',
  outcome: { kind: 'error', code: 'AccessDenied', message: `not authorized ${XSS}`, status: 403 },
  decision: {
    decision: 'ImplicitDeny',
    by: 'identity',
    matched: [],
    conditions: [{ policy: 'role/r/inline/P', sid: 'Team', index: 0, effect: 'Allow', operator: 'StringEquals', key: 'aws:PrincipalTag/team', why: 'absent' }],
  },
  input: { Tag: XSS, Long: 'y'.repeat(HTML_JSON_CAP * 2) },
  failures: [{ what: 'outcome', expected: 'success', got: `error AccessDenied ${XSS}` }],
})

const run = (over: Partial<RunResult>): RunResult => ({
  runId: 'mf3k2j9a-x7q2',
  scenario: { name: 'lab', file: 'lab.yaml' },
  target: { kind: 'embedded', region: 'us-east-1', account: '123456789012' },
  status: 'passed',
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 42,
  steps: [step({})],
  teardown: { status: 'completed', items: [{ stepId: 'create-user', action: 'iam.deleteUser', target: 'UserName=u', status: 'done', attempts: 1, durationMs: 1 }], leftovers: 0, durationMs: 2 },
  exitCode: 0,
  ...over,
})

function play(results: RunResult[], notices: string[] = []): string {
  let text = ''
  const emit = fanOut([createReporter('html', { write: (t) => void (text += t), isTTY: false })])
  emit({ type: 'suite:start', files: results.map((r) => r.scenario.file), parallel: 1 })
  for (const message of notices) emit({ type: 'notice', level: 'warn', message })
  for (const r of results) {
    const events: RunEvent[] = [...r.steps.map((s): RunEvent => ({ type: 'step:end', runId: r.runId, result: s })), { type: 'run:end', runId: r.runId, result: r }]
    events.forEach(emit)
  }
  emit({ type: 'suite:end', summary: summarize(results, 0, 50, false), results })
  return text
}

describe('html reporter', () => {
  const passed = run({ scenario: { name: 'a-passes', file: 'a.yaml' } })
  const failed = run({ runId: 'mf3k2j9a-bbbb', scenario: { name: `z-fails ${XSS}`, file: 'z.yaml' }, status: 'failed', exitCode: 1, steps: [step({}), failing, step({ id: 'later', index: 2, status: 'skipped', reason: 'skipped after an earlier failure' })] })
  const html = play([passed, failed], [`notice ${XSS}`])

  it('is one self-contained page: inline style and script, no network, a CSP that forbids it', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true)
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"`)
    expect(html.match(/<script\b/g)).toHaveLength(1) // ours, inline
    expect(html).not.toMatch(/\b(src|href)\s*=/i)
    expect(html).not.toMatch(/https?:\/\//)
    expect(html.trimEnd().endsWith('</html>')).toBe(true)
  })

  it('escapes every text from events (names, messages, inputs, notices)', () => {
    expect(html).not.toContain(XSS)
    expect(html).not.toContain('<script>alert')
    expect(html).toContain('Reader lists &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;')
    expect(html).toContain('z-fails &lt;script&gt;')
    expect(html).toContain('not authorized &lt;script&gt;')
    expect(html).toContain('notice &lt;script&gt;')
  })

  it('puts failures first, expanded, with expected vs got, the decision trace and the input', () => {
    expect(html.indexOf('z-fails')).toBeLessThan(html.indexOf('a-passes'))
    expect(html).toMatch(/<details class="run s-failed" open data-status="failed">/)
    expect(html).toMatch(/<details class="run s-passed" data-status="passed">/)
    expect(html).toMatch(/<details class="step s-failed" open data-status="failed">\n<summary><span class="badge b-failed">failed<\/span>2\. Reader lists/)
    expect(html).toContain('<tr><td>outcome</td><td>success</td><td>error AccessDenied &lt;script&gt;')
    expect(html).toContain('<tr><th>identity</th><td>reader (arn:aws:sts::123456789012:assumed-role/r/s)</td></tr>')
    expect(html).toContain('ImplicitDeny (decided by identity policy)')
    expect(html).toContain('<th>condition not met</th><td>Allow statement &quot;Team&quot; (#1) of role/r/inline/P: StringEquals aws:PrincipalTag/team (absent)</td>')
    expect(html).toContain('&quot;Tag&quot;: &quot;&lt;script&gt;')
    expect(html).toContain('data-status="skipped"')
    expect(html).toContain('<span class="badge b-completed">teardown completed</span>1 undone')
    expect(html).toContain('data-filter="failed"')
  })

  it('draws who called what as an inline SVG sequence diagram, denials marked, labels escaped', () => {
    const svg = html.slice(html.indexOf('<svg class="sequence"'), html.indexOf('</svg>', html.indexOf('<svg class="sequence"')))
    expect(svg).toContain('>operator</text>')
    expect(svg).toContain('>reader</text>')
    expect(svg).toContain('>IAM</text>')
    expect(svg).toContain('>S3</text>')
    expect(svg).toContain('>2. listBuckets ✗ AccessDenied</text>')
    expect(svg).toContain('marker-end="url(#arrow-failed)"')
    expect(html.match(/<marker id="arrow-failed"/g)).toHaveLength(1)
    const hostile = play([run({ steps: [step({ as: XSS })] })])
    expect(hostile).not.toContain('<script>alert')
    expect(hostile).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</text>')
  })

  it('caps long strings', () => {
    expect(html).toMatch(/y{100}… \[\d+ more characters\]/)
    expect(html.length).toBeLessThan(HTML_JSON_CAP * 2)
    const long = play([run({ scenario: { name: 'n'.repeat(HTML_TEXT_CAP + 10), file: 'n.yaml' } })])
    expect(long).toContain(`${'n'.repeat(HTML_TEXT_CAP)}… [10 more characters]`)
  })
})

describe('run --reporter html (end to end)', () => {
  it('writes the report to --output; no secret of the run reaches it; scenario text is escaped', async () => {
    const dir = scratch('iamflow-html-')
    writeFileSync(
      join(dir, 'lab.yaml'),
      [
        'name: html-secrets',
        'steps:',
        '  - id: create-user',
        `    name: 'Create a user ${XSS}'`,
        '    action: iam.createUser',
        '    input: { UserName: html-user }',
        '    capture: { userArn: User.Arn }',
        '  - id: key',
        '    action: iam.createAccessKey',
        '    input: { UserName: html-user }',
        '    identity: user',
        '    capture: { secret: AccessKey.SecretAccessKey, keyId: AccessKey.AccessKeyId }',
        '  - id: login',
        '    action: iam.createLoginProfile',
        '    input: { UserName: html-user, Password: "Html-Passw0rd-Secret!9" }',
        '  - id: role',
        '    action: iam.createRole',
        '    input:',
        '      RoleName: html-role',
        '      AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Principal: { AWS: "${{ userArn }}" }, Action: sts:AssumeRole }] }',
        '    capture: { roleArn: Role.Arn }',
        '  - id: session',
        '    as: user',
        '    action: sts.assumeRole',
        '    input: { RoleArn: "${{ roleArn }}", RoleSessionName: sess }',
        '    identity: session',
        '    capture: { token: Credentials.SessionToken }',
        '  - id: denied',
        '    name: The session may not list users',
        '    as: session',
        '    action: iam.listUsers',
        '',
      ].join('\n'),
    )
    // --keep with a state file: the keys and sessions stay in the state, so the test knows every secret.
    const res = await runIamflow(['run', 'lab.yaml', '--state', 'state.json', '--keep', '--reporter', 'html', '--output', 'report.html'], { cwd: dir })
    expect(res.code, res.stderr).toBe(1) // the last step is denied and expected success
    const html = readFileSync(join(dir, 'report.html'), 'utf8')
    const state = readFileSync(join(dir, 'state.json'), 'utf8')
    const secrets = [...state.matchAll(/"(?:secret|token)":"([^"]+)"/g)].map((m) => m[1])
    expect(secrets.length).toBeGreaterThanOrEqual(3) // the root's key, the user's key, the session
    for (const s of secrets) expect(html).not.toContain(s)
    expect(html).toContain('[redacted]')
    expect(html).not.toContain('Html-Passw0rd-Secret!9') // a secret in an input, shown redacted
    expect(html).toContain('&quot;Password&quot;: &quot;[redacted]&quot;')
    expect(html).not.toContain('<script>alert')
    expect(html).toContain('Create a user &lt;script&gt;')
    expect(html).toMatch(/<details class="step s-failed" open data-status="failed">\n<summary><span class="badge b-failed">failed<\/span>6\. The session may not list users/)
    expect(html).toContain('AccessDenied')
  }, 60_000)
})
