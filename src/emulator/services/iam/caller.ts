import type { OpContext } from '../types.js'
import { iamErrors } from './errors.js'

/**
 * Whom an operation without `UserName` acts on: the calling IAM user, or the account root.
 * Role sessions must name a user (AWS: `Must specify userName when calling with non-User
 * credentials`, spec 6.2).
 */
export type ImplicitTarget = { kind: 'user'; name: string } | { kind: 'root' }

export function implicitTarget(ctx: OpContext): ImplicitTarget {
  const { caller } = ctx
  if (caller.kind === 'root') return { kind: 'root' }
  if (caller.kind === 'user') {
    const name = caller.principal.username ?? caller.key?.userName
    if (name) return { kind: 'user', name }
  }
  if (caller.kind === 'session' && caller.session?.kind === 'session-token') {
    return caller.session.userName ? { kind: 'user', name: caller.session.userName } : { kind: 'root' }
  }
  throw iamErrors.validation('Must specify userName when calling with non-User credentials')
}
