/** Builders for condition cases: one Allow (or Deny) statement with a Condition block. */
import { allow, deny, v12 } from './fixtures.js'
import type { PrincipalName } from './fixtures.js'
import type { EvalCase } from './types.js'
import type { ContextValue } from '../types.js'

type Ctx = Record<string, ContextValue | undefined>

/** An Allow-with-condition case: `holds` says whether the condition should hold (Allowed). */
export function allowIf(
  name: string,
  source: string,
  condition: Record<string, unknown>,
  context: Ctx | undefined,
  holds: boolean,
  principal: PrincipalName = 'jill',
): EvalCase {
  return {
    name,
    source,
    policies: { identity: [v12(allow('s3:ListBucket', '*', { Sid: 'Cond', Condition: condition }))] },
    request: { principal, action: 's3:ListBucket', resource: 'arn:aws:s3:::amzn-s3-demo-bucket', context },
    expect: holds ? { decision: 'Allowed', by: 'identity', statement: 'Cond' } : { decision: 'ImplicitDeny', by: 'identity' },
  }
}

/** A Deny-with-condition case on top of a plain Allow: `holds` says whether the Deny applies. */
export function denyIf(
  name: string,
  source: string,
  condition: Record<string, unknown>,
  context: Ctx | undefined,
  holds: boolean,
  principal: PrincipalName = 'jill',
): EvalCase {
  return {
    name,
    source,
    policies: { identity: [v12(allow('s3:*', '*', { Sid: 'Base' }), deny('s3:*', '*', { Sid: 'Guard', Condition: condition }))] },
    request: { principal, action: 's3:GetObject', resource: 'arn:aws:s3:::amzn-s3-demo-bucket/k', context },
    expect: holds ? { decision: 'ExplicitDeny', by: 'identity', statement: 'Guard' } : { decision: 'Allowed', by: 'identity', statement: 'Base' },
  }
}
