import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { Lexer, type Token, type Tokens } from 'marked'
import { afterAll, describe, expect, it } from 'vitest'
import { buildPlan } from '../src/engine/plan/plan.js'
import { createEmulator, type Emulator } from '../src/emulator/index.js'
import { startServer, type RunningServer } from '../src/emulator/server.js'
import { exportMarkdown, exportMermaid, exportSh } from '../src/export/index.js'
import { loadScenarioFile, loadScenarioText } from '../src/scenario/load.js'
import { NOT_SCRIPTABLE, SCENARIOS, hasAwsCli, planOf } from './helpers/export-script.js'

const exec = promisify(execFile)

/**
 * The Mermaid we emit, as a grammar: `sequenceDiagram`, participants (id, optional `as` label),
 * then messages `A->>B: text` (call), `A-->>B: text` (answer), `A--xB: text` (denial). Every
 * message's ends must be declared participants; text has no `;` or `#` (Mermaid separators).
 */
function checkMermaid(text: string): string[] {
  const problems: string[] = []
  const lines = text.trimEnd().split('\n')
  if (lines[0] !== 'sequenceDiagram') problems.push(`first line: ${lines[0]}`)
  const participants = new Set<string>()
  for (const line of lines.slice(1)) {
    const p = /^ {2}participant ([A-Za-z_][A-Za-z0-9_]*)(?: as ([^;#\n]+))?$/.exec(line)
    if (p) {
      participants.add(p[1])
      continue
    }
    const m = /^ {2}([A-Za-z_][A-Za-z0-9_]*)(->>|-->>|--x)([A-Za-z_][A-Za-z0-9_]*): ([^;#\n]+)$/.exec(line)
    if (!m) problems.push(`not a participant or message line: ${line}`)
    else for (const end of [m[1], m[3]]) if (!participants.has(end)) problems.push(`undeclared participant ${end}: ${line}`)
  }
  return problems
}

describe('iamflow export (issue 17)', () => {
  it.each(SCENARIOS)('%s: the markdown handout parses, has every step, a valid Mermaid block and the teardown', async (file) => {
    const plan = await planOf(file)
    const md = exportMarkdown(plan)
    const tokens = new Lexer().lex(md)
    const headings = tokens.filter((t): t is Tokens.Heading => t.type === 'heading')
    expect(headings[0]).toMatchObject({ depth: 1, text: plan.scenario.name })
    expect(headings.filter((h) => h.depth === 3)).toHaveLength(plan.steps.length)
    expect(headings.filter((h) => h.depth === 2).map((h) => h.text)).toEqual(['Accounts and identities', 'Steps', 'Sequence diagram', 'Teardown'])
    const code = tokens.filter((t: Token): t is Tokens.Code => t.type === 'code')
    const mermaid = code.filter((c) => c.lang === 'mermaid')
    expect(mermaid).toHaveLength(1)
    expect(checkMermaid(`${mermaid[0].text}\n`)).toEqual([])
    // Every document written as file://NAME has its JSON block, and every JSON block parses.
    for (const c of code.filter((c) => c.lang === 'json')) expect(() => JSON.parse(c.text.replace(/<[^<>\n]+>/g, 'x'))).not.toThrow()
    const fileRefs = [...md.matchAll(/file:\/\/(\S+)/g)].map((m) => m[1])
    for (const ref of fileRefs) expect(md).toContain(`\`${ref}\`:`)
    const sh = code.filter((c) => c.lang === 'sh').map((c) => c.text)
    expect(sh.filter((t) => t.startsWith('aws ')).length).toBeGreaterThanOrEqual(plan.steps.length)
  })

  it.each(SCENARIOS)('%s: the mermaid format is the diagram alone, valid', async (file) => {
    expect(checkMermaid(exportMermaid(await planOf(file)))).toEqual([])
  })

  it('writes expected failures in words and marks denials in the diagram', async () => {
    const plan = await planOf('james-s3-readonly.yaml')
    const md = exportMarkdown(plan)
    expect(md).toContain('**Expected:** denied with `AccessDenied`: no identity-based policy of the caller allows it.')
    expect(md).toContain('aws iam create-role --role-name James-custom-S3-role --description \'S3 read-only access for James\' --assume-role-policy-document file://create-role-assume-role-policy-document.json')
    expect(md).toContain('- `roleArn` = `Role.Arn` (`--query Role.Arn --output text`)')
    expect(exportMermaid(plan)).toContain('  S3--xid_james: AccessDenied (implicitDeny)')
  })
})

const cli = await hasAwsCli()
if (!cli) console.warn('SKIPPED: export --format sh scripts (the AWS CLI `aws` is not on PATH)')

describe('export --format sh refuses what a script cannot do (issue 17)', () => {
  it.each(Object.keys(NOT_SCRIPTABLE))('%s is refused with not-scriptable, at the step', async (file) => {
    const plan = await planOf(file)
    let err: unknown
    try {
      exportSh(plan)
    } catch (e) {
      err = e
    }
    expect(err).toMatchObject({ code: 'not-scriptable', exitCode: 2 })
    expect((err as Error).message).toMatch(NOT_SCRIPTABLE[file]!)
    expect((err as { location?: { file: string } }).location?.file).toBe(join('scenarios', file))
  })
})

describe.skipIf(!cli)('export --format sh runs green with the AWS CLI against iamflow serve (issue 17)', () => {
  const home = mkdtempSync(join(tmpdir(), 'iamflow-export-'))
  afterAll(() => rmSync(home, { recursive: true, force: true }))

  // The AWS CLI starts in about a second a command: every scriptable lab's script runs green in
  // `npm run test:long` (test/export-scripts.long.test.ts); here, one script that must fail.
  it('a script whose expectation does not hold fails, names the step, and still tears down', async () => {
    const em: Emulator = createEmulator({})
    const server: RunningServer = await startServer(em, { port: 0 })
    try {
      const plan = buildPlan(loadScenarioText('name: broken\nsteps:\n  - id: make\n    action: iam.createUser\n    input: { UserName: left }\n  - id: wrong\n    action: iam.getUser\n    input: { UserName: left }\n    expect: { error: NoSuchEntity }\n', 'broken.yaml'))
      const script = join(home, 'broken.sh')
      writeFileSync(script, exportSh(plan))
      const env = { PATH: process.env.PATH ?? '', HOME: home, AWS_ENDPOINT_URL: server.url, AWS_ACCESS_KEY_ID: em.root.accessKeyId, AWS_SECRET_ACCESS_KEY: em.root.secretAccessKey, AWS_DEFAULT_REGION: 'us-east-1', AWS_CONFIG_FILE: join(home, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'none') }
      const run = (await exec('bash', [script], { env, timeout: 120_000 }).catch((e: unknown) => e)) as { code?: number; stderr: string }
      expect(run.code).toBe(1)
      expect(run.stderr).toContain('FAILED: wrong: expected NoSuchEntity, but the call succeeded')
      expect(em.inventory().users).toEqual([])
    } finally {
      await server.close()
    }
  }, 200_000)
})

describe('export --unique-names (issue 17, item 8)', () => {
  it('the sh script names what it creates with $NAME_SUFFIX, a new suffix every run; the handout shows <suffix>', async () => {
    const plan = buildPlan(await loadScenarioFile('scenarios/assume-role.yaml'), { uniqueNames: true })
    const sh = exportSh(plan)
    expect(sh).toContain("NAME_SUFFIX=${NAME_SUFFIX:-$(LC_ALL=C tr -dc 'a-z0-9' </dev/urandom | head -c 6)}\n")
    expect(sh).toContain('aws iam create-user --no-paginate --user-name "demo-user-${NAME_SUFFIX}"')
    expect(sh).toContain('push_undo aws iam delete-user --no-paginate --user-name "demo-user-${NAME_SUFFIX}"')
    expect(sh).not.toContain('<suffix>')
    expect(exportMarkdown(plan)).toContain("aws iam delete-user --user-name 'demo-user-<suffix>'")
    expect(exportSh(buildPlan(await loadScenarioFile('scenarios/assume-role.yaml')))).not.toContain('NAME_SUFFIX')
  })
})
