import { AwsServiceError } from '../types.js'
import type { AccessKeyEntity, AccountState, EmulatorState } from '../../state/model.js'
import { authorize } from './access.js'
import { extrasOf } from './account-extras.js'
import { defineOps } from './define-ops.js'
import { key } from './store.js'

/**
 * The credential report (IAM User Guide, "Getting credential reports"): a CSV with one row for
 * the root account and one per user, in AWS's column order. GenerateCredentialReport starts it
 * (STARTED the first time, COMPLETE once one exists); GetCredentialReport answers
 * ReportNotPresent before any generation. The emulator has no MFA devices or signing
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
  for (const user of account.users.sortedValues()) {
    const keys = keysOf(user.name)
    const p = user.loginProfile
    rows.push([
      user.name, user.arn, time(user.createDate),
      String(p !== undefined),
      p && user.passwordLastUsed !== undefined ? time(user.passwordLastUsed) : p ? 'no_information' : 'N/A',
      p ? time(p.createDate) : 'N/A',
      'N/A',
      'false',
      ...keyColumns(keys[0]), ...keyColumns(keys[1]), ...certColumns(account, user.name),
    ])
  }
  return [CREDENTIAL_REPORT_COLUMNS.join(','), ...rows.map((r) => r.join(','))].join('\n')
}

export const credentialReportOperations = defineOps({
  GenerateCredentialReport(ctx, _input: Record<string, never>) {
    authorize(ctx, 'GenerateCredentialReport', '*')
    const extras = extrasOf(ctx.caller.account)
    const first = extras.credentialReportAt === undefined
    extras.credentialReportAt = ctx.now
    return first ? { State: 'STARTED', Description: 'No report exists. Starting a new report generation task' } : { State: 'COMPLETE' }
  },

  GetCredentialReport(ctx, _input: Record<string, never>) {
    authorize(ctx, 'GetCredentialReport', '*')
    const account = ctx.caller.account
    const at = account.iam?.credentialReportAt
    if (at === undefined) throw new AwsServiceError('ReportNotPresent', 410, 'Credential report not present.')
    let rootCreated = at
    for (const k of ctx.state.accessKeys.values()) if (k.accountId === account.id && k.userName === undefined) rootCreated = Math.min(rootCreated, k.createDate)
    const csv = credentialReportCsv(ctx.state, account, rootCreated)
    return { Content: Buffer.from(csv, 'utf8').toString('base64'), ReportFormat: 'text/csv', GeneratedTime: new Date(at) }
  },
})
