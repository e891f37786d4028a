import { execFile } from 'node:child_process'
import { readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { expect } from 'vitest'
import { buildPlan } from '../../src/engine/plan/plan.js'
import { createEmulator, type Emulator } from '../../src/emulator/index.js'
import { startServer, type RunningServer } from '../../src/emulator/server.js'
import { exportSh } from '../../src/export/index.js'
import { loadScenarioFile } from '../../src/scenario/load.js'

/**
 * Running `iamflow export --format sh` scripts with the AWS CLI against a served emulator
 * (issue 17), shared by test/export.test.ts (one lab, in the default suite) and
 * test/export-scripts.long.test.ts (every other scriptable lab, `npm run test:long`).
 */
const exec = promisify(execFile)

export const SCENARIOS = readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).sort()

/** Labs a bash script of AWS CLI commands cannot make: refused with not-scriptable (exit 2). */
export const NOT_SCRIPTABLE: Record<string, RegExp> = {
  'force-mfa-self-service.yaml': /^step \S+ uses totp\(\): a shell script of AWS CLI commands cannot compute MFA codes$/,
  'mfa-protected-role.yaml': /^step enable-device uses totp\(\)/,
  'cross-account-delegation.yaml': /^step developer acts in account development: a script of AWS CLI commands runs with one account's credentials$/,
  'web-identity-github-actions.yaml': /^step main-token calls iamflow\.issueOidcToken, an iamflow emulator action with no AWS CLI command/,
  'saml-federation.yaml': /^step idp-metadata calls iamflow\.getSamlIdpMetadata, an iamflow emulator action with no AWS CLI command/,
  'snapshot-ci-role.yaml': /starts from an account snapshot \(snapshot:\), which only the iamflow emulator can load$/,
}
/** Labs whose script is valid but needs what this test's plain-HTTP serve lacks. */
const NEEDS_TLS = new Set(['deny-plain-http.yaml'])
/** Every lab whose exported script runs with the AWS CLI against plain-HTTP serve. */
export const SCRIPTED = SCENARIOS.filter((f) => !Object.hasOwn(NOT_SCRIPTABLE, f) && !NEEDS_TLS.has(f))

export const planOf = async (file: string) => buildPlan(await loadScenarioFile(join('scenarios', file)), { env: {} })

export async function hasAwsCli(): Promise<boolean> {
  try {
    await exec('aws', ['--version'])
    return true
  } catch {
    return false
  }
}

/** Export `file` as a script, run it with the AWS CLI against its own serve: green, and the account left empty. */
export async function runExportedScript(file: string, home: string): Promise<void> {
  const em: Emulator = createEmulator({})
  const server: RunningServer = await startServer(em, { port: 0 })
  try {
    const script = join(home, `${file}.sh`)
    writeFileSync(script, exportSh(await planOf(file)))
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: home,
      AWS_ENDPOINT_URL: server.url,
      AWS_ACCESS_KEY_ID: em.root.accessKeyId,
      AWS_SECRET_ACCESS_KEY: em.root.secretAccessKey,
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_MAX_ATTEMPTS: '1',
      AWS_CONFIG_FILE: join(home, 'none'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'none'),
    }
    const run = await exec('bash', [script], { env, timeout: 300_000 }).catch((e: { stdout: string; stderr: string; code: number }) => e)
    expect((run as { stderr: string }).stderr).not.toMatch(/FAILED/)
    expect((run as { stdout: string }).stdout).toContain(`ok: ${file.replace(/\.yaml$/, '')}:`)
    expect('code' in run ? run.code : 0).toBe(0)
    const inv = em.inventory()
    expect({ users: inv.users, roles: inv.roles, groups: inv.groups, policies: inv.policies, accessKeys: inv.accessKeys, buckets: inv.buckets }).toEqual({ users: [], roles: [], groups: [], policies: [], accessKeys: [], buckets: [] })
  } finally {
    await server.close()
  }
}
