import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startServe } from './helpers/reliability/serve.js'
import { runIamflow } from './run-cli-helpers.js'
import { cleanTmp, tmp } from './runner-helpers.js'

/**
 * Issue 12, defect 6: the operator's secret leaked through templates. `${{ env.AWS_SECRET_ACCESS_KEY }}`
 * reached the console, the JSON and JUnit reports, the ledger and AWS (as a tag value). Now a
 * scenario reads only the variables it declares, credential variables are refused, a value
 * holding the operator's secret is refused whatever it is called, and the operator's own secret
 * is registered with the run's redactor.
 */
afterEach(cleanTmp)

/** The embedded emulator's (and serve's) root secret: AWS's documented example key. */
const ROOT_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
/** A stand-in for an operator's real secret key, held in the environment. */
const OPERATOR_SECRET = 'Zq9+operator/secret/Key0123456789abcdefGH'
const embedded = { AWS_ENDPOINT_URL: '', NO_COLOR: '1' }
const reporters = ['--reporter', 'console', '--reporter', 'json', '--output', 'report.json', '--reporter', 'junit', '--output', 'report.xml']

/** Every file under `dir` with its text. */
function filesUnder(dir: string): Array<{ path: string; text: string }> {
  const out: Array<{ path: string; text: string }> = []
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) out.push(...filesUnder(p))
    else out.push({ path: p, text: readFileSync(p, 'utf8') })
  }
  return out
}

/** Where `secret` shows up: the command's output and every file it left in `cwd` (the scenarios written here excepted). */
function leaksOf(secret: string, cwd: string, run: { stdout: string; stderr: string }): string[] {
  const places = [{ path: 'stdout', text: run.stdout }, { path: 'stderr', text: run.stderr }, ...filesUnder(cwd).filter((f) => !f.path.endsWith('.yaml'))]
  return places.filter((p) => p.text.includes(secret)).map((p) => p.path)
}

describe('the operator\u2019s secret never leaks through templates (spawned CLI)', () => {
  it('${{ env.AWS_SECRET_ACCESS_KEY }} is refused before anything runs: exit 2, no ledger, no report, the secret nowhere', { timeout: 120_000 }, async () => {
    const cwd = tmp()
    writeFileSync(
      join(cwd, 'leak.yaml'),
      [
        'name: leak',
        'steps:',
        '  - action: iam.createUser',
        '    input: { UserName: u1, Tags: [{ Key: k, Value: "${{ env.AWS_SECRET_ACCESS_KEY }}" }] }',
        '  - action: iam.getUser',
        '    input: { UserName: "${{ env.AWS_SECRET_ACCESS_KEY }}" }',
        '',
      ].join('\n'),
    )
    const r = await runIamflow(['run', 'leak.yaml', ...reporters], { cwd, env: { ...embedded, AWS_SECRET_ACCESS_KEY: OPERATOR_SECRET } })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('leak.yaml:4:53: error [credential-env]: ${{ env.AWS_SECRET_ACCESS_KEY }}: AWS_SECRET_ACCESS_KEY holds a credential: a scenario may not read it')
    expect(r.stderr).toContain('leak.yaml:6:25: error [credential-env]')
    expect(existsSync(join(cwd, '.iamflow'))).toBe(false)
    expect(leaksOf(OPERATOR_SECRET, cwd, r)).toEqual([])
    // Declaring it changes nothing.
    writeFileSync(join(cwd, 'declared.yaml'), ['name: declared', 'env: [AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN]', 'steps:', '  - action: iam.listUsers', ''].join('\n'))
    const declared = await runIamflow(['validate', 'declared.yaml'], { cwd, env: embedded })
    expect(declared.code).toBe(2)
    expect(declared.stderr).toContain('declared.yaml:2:7: error [credential-env]: env: AWS_SECRET_ACCESS_KEY holds a credential')
    expect(declared.stderr).toContain('declared.yaml:2:30: error [credential-env]: env: AWS_SESSION_TOKEN holds a credential')
  })

  it('an undeclared variable is an error before the run; a declared one works, and plan lists it without its value', { timeout: 120_000 }, async () => {
    const cwd = tmp()
    const steps = ['steps:', '  - action: iam.createUser', '    input: { UserName: "${{ env.LAB_USER }}" }', '']
    writeFileSync(join(cwd, 'undeclared.yaml'), ['name: undeclared', ...steps].join('\n'))
    const undeclared = await runIamflow(['run', 'undeclared.yaml'], { cwd, env: { ...embedded, LAB_USER: 'alice' } })
    expect(undeclared.code).toBe(2)
    expect(undeclared.stderr).toContain('undeclared.yaml:4:25: error [undeclared-env]: ${{ env.LAB_USER }} reads the environment variable LAB_USER, which the scenario does not declare')
    expect(undeclared.stderr).toContain('hint: declare it at the top level: env: [LAB_USER]')

    writeFileSync(join(cwd, 'declared.yaml'), ['name: declared', 'env:', '  LAB_USER: { description: the user to create }', ...steps].join('\n'))
    const plan = await runIamflow(['plan', 'declared.yaml'], { cwd, env: { ...embedded, LAB_USER: 'alice-from-env' } })
    expect(plan.code).toBe(0)
    expect(plan.stdout).toContain('env (environment variables it reads; values are never shown)\n  LAB_USER  set  the user to create\n')
    expect(plan.stdout).not.toContain('alice-from-env')
    const json = await runIamflow(['plan', 'declared.yaml', '--json'], { cwd, env: { ...embedded, LAB_USER: '' } })
    expect(JSON.parse(json.stdout).env).toEqual([{ name: 'LAB_USER', description: 'the user to create', default: null, set: true }])

    const unset = await runIamflow(['run', 'declared.yaml'], { cwd, env: embedded })
    expect(unset.code).toBe(2)
    expect(unset.stderr).toContain('declared.yaml:3:3: error [env-not-set]: declared reads LAB_USER from the environment, but it is not set')
    const ran = await runIamflow(['run', 'declared.yaml', '--reporter', 'json'], { cwd, env: { ...embedded, LAB_USER: 'alice' } })
    expect(ran.code).toBe(0)
    expect(JSON.parse(ran.stdout).runs[0].teardown.items[0]).toMatchObject({ action: 'iam.deleteUser', target: 'UserName=alice', status: 'done' })
  })

  it('a declared variable holding the operator\u2019s secret is refused, whatever its name; so is such a --var', { timeout: 120_000 }, async () => {
    const cwd = tmp()
    writeFileSync(
      join(cwd, 'copy.yaml'),
      ['name: copy', 'env: [LAB_NOTE]', 'vars: { note: x }', 'steps:', '  - action: iam.createUser', '    input: { UserName: u1, Tags: [{ Key: k, Value: "${{ env.LAB_NOTE }}-${{ note }}" }] }', ''].join('\n'),
    )
    const r = await runIamflow(['run', 'copy.yaml', ...reporters], { cwd, env: { ...embedded, LAB_NOTE: `note:${ROOT_SECRET}` } })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain("copy.yaml:2:7: error [secret-in-env]: the environment variable LAB_NOTE holds the operator's secret key or session token: refusing to run copy")
    expect(leaksOf(ROOT_SECRET, cwd, r)).toEqual([])
    expect(existsSync(join(cwd, '.iamflow'))).toBe(false)
    const byVar = await runIamflow(['run', 'copy.yaml', '--var', `note=${ROOT_SECRET}`, ...reporters], { cwd, env: { ...embedded, LAB_NOTE: 'fine' } })
    expect(byVar.code).toBe(2)
    expect(byVar.stderr).toContain("error [secret-in-var]: --var note holds the operator's secret key or session token: refusing to run")
    expect(leaksOf(ROOT_SECRET, cwd, byVar)).toEqual([])
  })

  it('the embedded root\u2019s secret is redacted from the console, both reports and the ledger', { timeout: 120_000 }, async () => {
    const cwd = tmp()
    // A lab that copied AWS's example key into a var: on the embedded emulator it is the root's secret.
    writeFileSync(
      join(cwd, 'echo.yaml'),
      [
        'name: echo',
        `vars: { note: "${ROOT_SECRET}" }`,
        'steps:',
        '  - action: iam.createUser',
        '    input: { UserName: u1 }',
        '  - action: iam.tagUser',
        '    input: { UserName: u1, Tags: [{ Key: note, Value: "${{ note }}" }] }',
        '  - action: iam.getUser',
        '    input: { UserName: u1 }',
        '    expect: { output: { User.UserName: "${{ note }}" } }',
        '',
      ].join('\n'),
    )
    const r = await runIamflow(['run', 'echo.yaml', ...reporters], { cwd, env: embedded })
    expect(r.code).toBe(1) // the output check fails, as written
    expect(r.stdout).toContain('[redacted]')
    expect(readFileSync(join(cwd, 'report.json'), 'utf8')).toContain('[redacted]')
    expect(readFileSync(join(cwd, 'report.xml'), 'utf8')).toContain('[redacted]')
    const ledgers = filesUnder(join(cwd, '.iamflow')).filter((f) => f.path.endsWith('ledger.jsonl'))
    expect(ledgers).toHaveLength(1)
    expect(ledgers[0].text).toContain('"Value":"[redacted]"') // the tagUser intent's input
    expect(leaksOf(ROOT_SECRET, cwd, r)).toEqual([])
  })

  it('over an endpoint, the secret the credential chain resolves is redacted and refused the same way', { timeout: 120_000 }, async () => {
    const cwd = tmp()
    const served = await startServe({ cwd, quiet: true })
    try {
      const env = { ...served.env, AWS_ENDPOINT_URL: served.url }
      expect(served.root.secretAccessKey).toBe(ROOT_SECRET)
      writeFileSync(
        join(cwd, 'echo.yaml'),
        ['name: echo', `vars: { note: "${ROOT_SECRET}" }`, 'steps:', '  - action: iam.getUser', '    input: { UserName: "${{ run.id }}" }', '    expect: { error: NoSuchEntity, message: "${{ note }}" }', ''].join('\n'),
      )
      const r = await runIamflow(['run', 'echo.yaml', ...reporters], { cwd, env })
      expect(r.code).toBe(1)
      expect(r.stdout).toContain('[redacted]')
      expect(leaksOf(ROOT_SECRET, cwd, r)).toEqual([])
      writeFileSync(join(cwd, 'copy.yaml'), ['name: copy', 'env: [LAB_NOTE]', 'steps:', '  - action: iam.getUser', '    input: { UserName: "${{ env.LAB_NOTE }}" }', ''].join('\n'))
      const copy = await runIamflow(['run', 'copy.yaml'], { cwd, env: { ...env, LAB_NOTE: ROOT_SECRET } })
      expect(copy.code).toBe(2)
      expect(copy.stderr).toContain('error [secret-in-env]: the environment variable LAB_NOTE holds the operator')
      expect(leaksOf(ROOT_SECRET, cwd, copy)).toEqual([])
    } finally {
      expect(await served.stop('SIGTERM')).toBe(0)
    }
  })
})
