import { AwsServiceError } from '../types.js'
import type { AccessKeyEntity, AccountIamExtras, AccountState, EmulatorState } from '../../state/model.js'
import { authorize } from './access.js'
import { extrasOf } from './account-extras.js'
import { defineOps } from './define-ops.js'
import { accountOf, key } from './store.js'

/**
 * The credential report (IAM User Guide, "Getting credential reports"): a CSV with one row for
 * the root account and one per user, in AWS's column order. GenerateCredentialReport starts it
 * (STARTED, then INPROGRESS until it is ready, then COMPLETE for four hours, after which a new one
 * is started); GetCredentialReport answers ReportNotPresent before any generation,
 * ReportInProgress while it is generated and ReportExpired once it is four hours old. The emulator has no MFA devices or signing
 * certificates in use for users, so those columns say false / N/A.
 */

export const CREDENTIAL_REPORT_COLUMNS = [
  'user', 'arn', 'user_creation_time', 'password_enabled', 'password_last_used', 'password_last_changed',
  'password_next_rotation', 'mfa_active',
  'access_key_1_active', 'access_key_1_last_rotated', 'access_key_1_last_used_date', 'access_key_1_last_used_region', 'access_key_1_last_used_service',
  'access_key_2_active', 'access_key_2_last_rotated', 'access_key_2_last_used_date', 'access_key_2_last_used_region', 'access_key_2_last_used_service',
  'cert_1_active', 'cert_1_last_rotated', 'cert_2_active', 'cert_2_last_rotated',
] as const

/** `2026-01-01T00:00:00+00:00`, as the report writes times. */
const time = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00')

function keyColumns(k: AccessKeyEntity | undefined): string[] {
  if (!k) return ['false', 'N/A', 'N/A', 'N/A', 'N/A']
  return [
    String(k.status === 'Active'),
    time(k.createDate),
    k.lastUsed ? time(k.lastUsed.date) : 'N/A',
    k.lastUsed ? k.lastUsed.region : 'N/A',
    k.lastUsed ? k.lastUsed.service : 'N/A',
  ]
}

function certColumns(account: AccountState, userName: string | undefined): string[] {
  const certs = (account.iam?.signingCertificates ?? []).filter((c) => (c.userName === undefined ? userName === undefined : userName !== undefined && key(c.userName) === key(userName)))
  const col = (i: number) => (certs[i] ? [String(certs[i]!.status === 'Active'), time(certs[i]!.uploadDate)] : ['false', 'N/A'])
  return [...col(0), ...col(1)]
}

/** The report's CSV text for `account` at `now`. */
export function credentialReportCsv(state: EmulatorState, account: AccountState, rootCreated: number): string {
  const keysOf = (userName: string | undefined) =>
    [...state.accessKeys.values()]
      .filter((k) => k.accountId === account.id && (userName === undefined ? k.userName === undefined : k.userName !== undefined && key(k.userName) === key(userName)))
      .sort((a, b) => a.createDate - b.createDate)
  const rows: string[][] = []
  const rootKeys = keysOf(undefined)
  rows.push([
    '<root_account>', `arn:aws:iam::${account.id}:root`, time(rootCreated), 'not_supported', 'no_information', 'not_supported', 'not_supported', 'false',
    ...keyColumns(rootKeys[0]), ...keyColumns(rootKeys[1]), ...certColumns(account, undefined),
  ])
  const maxAge = account.iam?.passwordPolicy?.maxPasswordAge
  for (const user of account.users.sortedValues()) {
    const keys = keysOf(user.name)
    const p = user.loginProfile
    rows.push([
      user.name, user.arn, time(user.createDate),
      String(p !== undefined),
      p && user.passwordLastUsed !== undefined ? time(user.passwordLastUsed) : p ? 'no_information' : 'N/A',
      p ? time(p.passwordChangedAt ?? p.createDate) : 'N/A',
      p && maxAge !== undefined ? time((p.passwordChangedAt ?? p.createDate) + maxAge * 86_400_000) : 'N/A',
      'false',
      ...keyColumns(keys[0]), ...keyColumns(keys[1]), ...certColumns(account, user.name),
    ])
  }
  return [CREDENTIAL_REPORT_COLUMNS.join(','), ...rows.map((r) => r.join(','))].join('\n')
}

/** AWS generates a new report at most every four hours; an older one has expired (IAM User Guide, "Getting credential reports"). */
export const REPORT_LIFETIME_MS = 4 * 3600_000

// GetCredentialReport's errors (codes and statuses from the model). AWS sends them without a
// Message: LocalStack's recording test_get_credential_report_before_generated (2026-02-17) has
// ReportNotPresent/410 with none; the other two follow it (unconfirmed).
const notPresent = () => new AwsServiceError('ReportNotPresent', 410, '')
const inProgress = () => new AwsServiceError('ReportInProgress', 404, '')
const expired = () => new AwsServiceError('ReportExpired', 410, '')

type ReportState = 'none' | 'in-progress' | 'complete' | 'expired'

function reportState(extras: AccountIamExtras | undefined, now: number): ReportState {
  const at = extras?.credentialReportAt
  if (at === undefined) return 'none'
  if (now < (extras!.credentialReportReadyAt ?? at)) return 'in-progress'
  return now - at > REPORT_LIFETIME_MS ? 'expired' : 'complete'
}

/**
 * GenerateCredentialReport is a write: it records when the report was started and when it is
 * ready (the emulator's consistency delay stands for AWS's generation time), in the account's
 * own fields, so --state journals it like any other change.
 */
export const credentialReportOperations = defineOps({
  GenerateCredentialReport(ctx, _input: Record<string, never>) {
    authorize(ctx, 'GenerateCredentialReport', '*')
    const account = accountOf(ctx)
    const extras = extrasOf(account)
    const state = reportState(extras, ctx.now)
    switch (state) {
      case 'in-progress':
        return { State: 'INPROGRESS' }
      case 'complete':
        return { State: 'COMPLETE' }
      case 'none':
      case 'expired': {
        extras.credentialReportAt = ctx.now
        extras.credentialReportReadyAt = ctx.now + Math.max(0, ctx.consistencyDelayMs)
        // The account's own fields changed: store it back so the journal sees the change.
        ctx.state.accounts.set(account.id, account)
        // Recorded from AWS for the first report; a regeneration's Description is unrecorded.
        return state === 'none' ? { State: 'STARTED', Description: 'No report exists. Starting a new report generation task' } : { State: 'STARTED' }
      }
      default: {
        const unreachable: never = state
        return unreachable
      }
    }
  },

  GetCredentialReport(ctx, _input: Record<string, never>) {
    authorize(ctx, 'GetCredentialReport', '*')
    const account = accountOf(ctx)
    const state = reportState(account.iam, ctx.now)
    if (state === 'none') throw notPresent()
    if (state === 'in-progress') throw inProgress()
    if (state === 'expired') throw expired()
    const at = account.iam!.credentialReportAt!
    let rootCreated = at
    for (const k of ctx.state.accessKeys.values()) if (k.accountId === account.id && k.userName === undefined) rootCreated = Math.min(rootCreated, k.createDate)
    const csv = credentialReportCsv(ctx.state, account, rootCreated)
    return { Content: Buffer.from(csv, 'utf8').toString('base64'), ReportFormat: 'text/csv', GeneratedTime: new Date(at) }
  },
})
