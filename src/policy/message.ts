/**
 * AWS's AccessDenied message text (IAM User Guide "Troubleshoot access denied error messages";
 * spec 4.2, 5.8):
 * `User: <arn> is not authorized to perform: <action>[ on resource: <arn>][ <reason>]`.
 * S3 quotes the resource ARN and gives cross-account and anonymous callers plain `Access Denied`.
 * A trust-policy denial of sts:AssumeRole carries no reason, as STS shows it.
 */
import type { AuthorizationRequest, Decision } from './types.js'

/** Message shape: Query services (IAM, STS) or S3. */
export type MessageStyle = 'query' | 's3'

export interface MessageOptions {
  /**
   * Append `: <policy ARN>` after an explicit-deny reason when the denying statement is in a
   * managed policy (AWS's 2026 enhancement, still rolling out; off by default).
   */
  policyArn?: boolean
  /**
   * Print `on resource: *` for a request on `*` instead of leaving the part out. IAM does
   * (real GetAccountSummary, ListAccountAliases, GetAccountAuthorizationDetails denials);
   * S3 (`s3:ListAllMyBuckets because ...`) and EC2 leave it out, which is the default.
   */
  showStar?: boolean
}

function reason(decision: Decision, action: string, opts: MessageOptions): string {
  if (decision.decision === 'ExplicitDeny') {
    const where: Record<string, string> = {
      identity: 'an identity-based policy',
      resource: 'a resource-based policy',
      trust: 'the role trust policy',
      boundary: 'a permissions boundary',
      session: 'a session policy',
    }
    let text = ` with an explicit deny in ${where[decision.by] ?? 'an identity-based policy'}`
    if (opts.policyArn) {
      const ref = decision.matched.find((m) => m.effect === 'Deny' && m.policyKind === decision.by)
      if (ref && ref.policyId.startsWith('arn:') && decision.by !== 'resource' && decision.by !== 'trust') text += `: ${ref.policyId}`
    }
    return text
  }
  switch (decision.by) {
    case 'identity':
      return ` because no identity-based policy allows the ${action} action`
    case 'resource':
      return ` because no resource-based policy allows the ${action} action`
    case 'boundary':
      return ` because no permissions boundary allows the ${action} action`
    case 'session':
      return ` because no session policy allows the ${action} action`
    default:
      return ''
  }
}

/** The AccessDenied message for a denied decision (for an allowed one, returns ''). */
export function denialMessage(decision: Decision, request: AuthorizationRequest, style: MessageStyle, opts: MessageOptions = {}): string {
  if (decision.decision === 'Allowed') return ''
  const p = request.principal
  const resourceAccount = request.resourceAccount ?? p.accountId
  const cross = resourceAccount !== 'aws' && resourceAccount !== p.accountId
  if (style === 's3' && (p.type === 'Anonymous' || cross)) return 'Access Denied'
  const who = p.type === 'Anonymous' ? 'anonymous' : p.arn
  const on = request.resource === '*' && !opts.showStar ? '' : ` on resource: ${style === 's3' ? `"${request.resource}"` : request.resource}`
  return `User: ${who} is not authorized to perform: ${request.action}${on}${reason(decision, request.action, opts)}`
}
