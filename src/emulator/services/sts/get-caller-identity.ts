import type { Operation } from '../types.js'

/**
 * GetCallerIdentity: always allowed for valid credentials, even under an explicit Deny
 * (STS API Reference). Values per spec 3.3.
 */
export const getCallerIdentity: Operation<Record<string, never>, { UserId: string; Account: string; Arn: string }> = (ctx) => {
  const p = ctx.caller.principal
  return { UserId: p.userId, Account: p.accountId, Arn: p.arn }
}
