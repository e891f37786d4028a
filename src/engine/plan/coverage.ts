import { sdkOperations } from '../../actions/sdk-operations.js'
import { servedOperations, type ServedService } from '../../emulator/index.js'
import type { Scenario } from '../../scenario/types.js'
import type { SourceLocation } from '../../errors.js'

/**
 * What the emulator covers of each SDK client: every operation is `emulated` (it has a handler),
 * `out-of-scope` (with the reason iamflow does not emulate it), or `not-emulated` (it could be,
 * and is not yet). Derived from the handler tables and the SDK's operation list; only the
 * reasons below are written by hand.
 */

export type CoverageStatus = 'emulated' | 'not-emulated' | 'out-of-scope'

export interface CoverageRow {
  operation: string
  status: CoverageStatus
  reason?: string
}

/** Operations iamflow leaves out on purpose, by name pattern, with the reason. */
const OUT_OF_SCOPE: Record<ServedService, Array<[RegExp, string]>> = {
  iam: [
    [/Organizations/, 'needs AWS Organizations (organization-wide reports and root access management), which the emulator does not model'],
    [/^(Generate|Get)ServiceLastAccessedDetails|^ListPoliciesGrantingServiceAccess$/, 'reports access by every other AWS service, which an IAM/STS/S3 emulator never sees'],
    [/DelegationRequest|^SendDelegationToken$/, 'delegation requests are a partner-console workflow with a human approval step'],
    [/OutboundWebIdentityFederation/, 'outbound identity federation issues tokens for external services, outside the emulated account'],
    [/^AcquireRole$|^GetRoleTemplateVersion$/, 'role templates are managed by AWS services outside IAM'],
    [/^GetHumanReadableSummary$/, "a natural-language summary produced by AWS's own tooling"],
    [/^(Get|Put)AccountProperties$/, 'account properties of newer IAM features with no documented semantics to emulate'],
  ],
  sts: [
    [/^AssumeRoot$/, 'needs AWS Organizations centralized root access'],
    [/^GetDelegatedAccessToken$|^GetScopedCredentials$/, 'credentials scoped for other AWS services and agents, outside the emulated account'],
    [/^GetWebIdentityToken$/, 'outbound identity federation issues tokens for external services'],
  ],
  s3: [
    [/Bucket(Analytics|Inventory|Metrics|IntelligentTiering)Configuration|Configurations$/, 'storage analytics and reporting features with no effect on access decisions'],
    [/BucketMetadata|MetadataTable|Journal|InventoryTable/, 'S3 Metadata tables need S3 Tables, another service'],
    [/^(Get|Put)BucketAccelerateConfiguration$|^(Get|Put)BucketRequestPayment$|^(Get|Put)BucketLogging$|^(Get|Put)BucketNotificationConfiguration$|Replication|^RestoreObject$|^SelectObjectContent$|^WriteGetObjectResponse$|^GetObjectTorrent$|^CreateSession$|^ListDirectoryBuckets$|ABAC/, 'needs other AWS services or storage infrastructure (notifications, replication, Glacier, Lambda, S3 Express)'],
  ],
}

/** Why `operation` is out of scope, or undefined when it is not. */
export function outOfScopeReason(service: ServedService, operation: string): string | undefined {
  return OUT_OF_SCOPE[service].find(([re]) => re.test(operation))?.[1]
}

/** Each SDK operation of `service` with its coverage status. */
export function coverageRows(service: ServedService): CoverageRow[] {
  const served = new Set(servedOperations()[service])
  return sdkOperations[service].map((operation) => {
    if (served.has(operation)) return { operation, status: 'emulated' }
    const reason = outOfScopeReason(service, operation)
    return reason ? { operation, status: 'out-of-scope', reason } : { operation, status: 'not-emulated' }
  })
}

/** Whether the emulator serves the SDK operation behind `iam.createRole`-style action names. */
export function isEmulatedAction(actionName: string): boolean {
  const dot = actionName.indexOf('.')
  const service = actionName.slice(0, dot) as ServedService
  const served = servedOperations()[service]
  if (!served) return false
  const op = actionName.slice(dot + 1)
  return served.some((s) => s.toLowerCase() === op.toLowerCase())
}

/** A step whose action the emulator does not serve. */
export interface UnservedStep {
  stepId: string
  action: string
  loc: SourceLocation
}

/** The steps of `scenario` (setup and teardown blocks included) the emulator cannot answer. */
export function unservedSteps(scenario: Scenario): UnservedStep[] {
  const out: UnservedStep[] = []
  for (const step of scenario.steps) {
    // iamflow's own actions (iamflow.*) run in the engine, not against a service.
    if (!/^(iam|sts|s3)\./.test(step.action)) continue
    if (!isEmulatedAction(step.action)) out.push({ stepId: step.id, action: step.action, loc: step.loc })
  }
  return out
}

/** The warning printed for one unserved step. */
export function unservedWarning(s: UnservedStep): string {
  return `warning ${s.loc.file}:${s.loc.line}:${s.loc.column}: step '${s.stepId}' calls ${s.action}, which the iamflow emulator does not serve: against the embedded emulator or iamflow serve it fails (see docs/coverage.md); it can only pass with --target aws\n`
}

const TITLES: Record<ServedService, string> = { iam: 'IAM', sts: 'STS', s3: 'S3' }

/** docs/coverage.md, generated (scripts/gen-coverage.mjs); a test keeps the file equal to it. */
export function renderCoverageMarkdown(): string {
  const lines = [
    '# Emulator coverage',
    '',
    '<!-- Generated by scripts/gen-coverage.mjs from the emulator\'s handler tables and the SDK clients\' operation lists. Do not edit. -->',
    '',
    'Which operations of `@aws-sdk/client-iam`, `@aws-sdk/client-sts` and `@aws-sdk/client-s3` the',
    'embedded emulator and `iamflow serve` answer. A step calling an operation that is not emulated',
    'fails there (`iamflow validate` and `iamflow plan` warn about it); it runs with `--target aws`.',
    '',
  ]
  for (const service of ['iam', 'sts', 's3'] as const) {
    const rows = coverageRows(service)
    const count = (s: CoverageStatus) => rows.filter((r) => r.status === s).length
    lines.push(`## ${TITLES[service]}`, '')
    lines.push(`${rows.length} SDK operations: ${count('emulated')} emulated, ${count('not-emulated')} not emulated, ${count('out-of-scope')} out of scope.`, '')
    lines.push('| Operation | Status | Why not |', '| --- | --- | --- |')
    for (const r of rows) lines.push(`| ${r.operation} | ${r.status.replaceAll('-', ' ')} | ${r.reason ?? ''} |`)
    lines.push('')
  }
  return lines.join('\n')
}
