import { mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CreateUserCommand, GenerateCredentialReportCommand, GetAccountSummaryCommand, GetCredentialReportCommand, SetSecurityTokenServicePreferencesCommand } from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import { createEmulator } from '../src/emulator/index.js'
import { CREDENTIAL_REPORT_COLUMNS } from '../src/emulator/services/iam/credential-report.js'
import { clients, failure } from './emulator-helpers.js'

/**
 * The credential report's life (IAM User Guide, "Getting credential reports"; codes from the
 * model, ReportNotPresent as recorded from AWS, without a Message): STARTED, INPROGRESS while it
 * is generated, COMPLETE for four hours, expired after; GenerateCredentialReport is a write that
 * --state keeps.
 */

describe('credential report states', () => {
  it('STARTED, INPROGRESS / ReportInProgress while generated, then COMPLETE (expiry: credential-report.test.ts)', async () => {
    let now = Date.now()
    // The consistency delay stands for AWS's generation time.
    const em = createEmulator({ clock: { now: () => now }, consistencyDelayMs: 5_000 })
    const { iam } = clients(em, em.root)
    expect(await failure(iam.send(new GetCredentialReportCommand({})))).toMatchObject({ name: 'CredentialReportNotPresentException', status: 410 })
    const started = now
    const first = await iam.send(new GenerateCredentialReportCommand({}))
    expect([first.State, first.Description]).toEqual(['STARTED', 'No report exists. Starting a new report generation task'])
    expect(await failure(iam.send(new GetCredentialReportCommand({})))).toMatchObject({ name: 'CredentialReportNotReadyException', status: 404 })
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe('INPROGRESS')
    now += 5_000
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe('COMPLETE')
    const report = await iam.send(new GetCredentialReportCommand({}))
    expect(report.GeneratedTime!.getTime()).toBe(Math.floor(started / 1000) * 1000)
  })

  it('the report has AWS documented columns, in order, a row for the root and each user', async () => {
    const em = createEmulator()
    const { iam } = clients(em, em.root)
    await iam.send(new CreateUserCommand({ UserName: 'alice' }))
    await iam.send(new GenerateCredentialReportCommand({}))
    const lines = Buffer.from((await iam.send(new GetCredentialReportCommand({}))).Content!).toString('utf8').split('\n')
    // IAM User Guide, "Getting credential reports", "Understanding the report format" (and
    // LocalStack's recording test_credential_report, field_names, 2026-02-17).
    expect(lines[0]!.split(',')).toEqual([
      'user', 'arn', 'user_creation_time', 'password_enabled', 'password_last_used', 'password_last_changed', 'password_next_rotation', 'mfa_active',
      'access_key_1_active', 'access_key_1_last_rotated', 'access_key_1_last_used_date', 'access_key_1_last_used_region', 'access_key_1_last_used_service',
      'access_key_2_active', 'access_key_2_last_rotated', 'access_key_2_last_used_date', 'access_key_2_last_used_region', 'access_key_2_last_used_service',
      'cert_1_active', 'cert_1_last_rotated', 'cert_2_active', 'cert_2_last_rotated',
    ])
    expect(lines[0]!.split(',')).toEqual([...CREDENTIAL_REPORT_COLUMNS])
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['<root_account>', 'alice'])
  })

  it('GenerateCredentialReport is journaled: a reload from --state knows the report', async () => {
    const statePath = join(mkdtempSync(join(tmpdir(), 'iamflow-report-')), 'state.json')
    const em = createEmulator({ statePath })
    await clients(em, em.root).iam.send(new GenerateCredentialReportCommand({}))
    const reloaded = createEmulator({ statePath })
    const { iam } = clients(reloaded, reloaded.root)
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe('COMPLETE')
    expect((await iam.send(new GetCredentialReportCommand({}))).ReportFormat).toBe('text/csv')
    // The journal line holds the account's report times, and nothing secret.
    const dir = join(statePath, '..')
    const journal = readdirSync(dir).filter((f) => f.includes('journal')).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n')
    expect(journal).toContain('"credentialReportAt"')
  })

  it('SetSecurityTokenServicePreferences is journaled too', async () => {
    const statePath = join(mkdtempSync(join(tmpdir(), 'iamflow-sts-pref-')), 'state.json')
    const em = createEmulator({ statePath })
    await clients(em, em.root).iam.send(new SetSecurityTokenServicePreferencesCommand({ GlobalEndpointTokenVersion: 'v2Token' }))
    const reloaded = createEmulator({ statePath })
    expect((await clients(reloaded, reloaded.root).iam.send(new GetAccountSummaryCommand({}))).SummaryMap!.GlobalEndpointTokenVersion).toBe(2)
  })
})
