import type { Caller } from '../services/types.js'
import type { AuthFailure } from '../sigv4/failures.js'
import type { EmulatorState } from '../state/model.js'
import { federatedPrincipal, rootPrincipal, sessionPrincipal, userPrincipal } from './principal.js'

export type Resolved = { ok: true; caller: Caller; secret: string } | { ok: false; failure: AuthFailure }

/**
 * Find who owns an access key id (and session token) at time `now`. Keys that are unknown,
 * Inactive, not yet effective (consistency delay) or whose user is gone are all "unknown" to
 * AWS; temporary keys need their own session token and expire.
 */
export function resolveCaller(state: EmulatorState, accessKeyId: string, token: string | undefined, now: number): Resolved {
  const key = state.accessKeys.get(accessKeyId)
  if (key) {
    const account = state.accounts.get(key.accountId)
    if (!account || key.status !== 'Active' || key.effectiveAt > now) return unknown(accessKeyId)
    if (token !== undefined && token !== '') return { ok: false, failure: { kind: 'invalid-token' } }
    if (key.userName === undefined) {
      return { ok: true, secret: key.secret, caller: { principal: rootPrincipal(account.id), account, accessKeyId, kind: 'root', key } }
    }
    const user = account.users.get(key.userName.toLowerCase())
    if (!user) return unknown(accessKeyId)
    return { ok: true, secret: key.secret, caller: { principal: userPrincipal(account, user), account, accessKeyId, kind: 'user', key } }
  }
  const session = state.sessions.get(accessKeyId)
  if (!session) return unknown(accessKeyId)
  if (token === undefined || token === '') return unknown(accessKeyId)
  if (token !== session.token) return { ok: false, failure: { kind: 'invalid-token' } }
  if (now >= session.expiration) return { ok: false, failure: { kind: 'expired-token' } }
  const account = state.accounts.get(session.accountId)
  if (!account) return unknown(accessKeyId)
  if (session.kind === 'assumed-role') {
    return { ok: true, secret: session.secret, caller: { principal: sessionPrincipal(state, session), account, accessKeyId, kind: 'session', session } }
  }
  if (session.kind === 'federation-token') {
    return { ok: true, secret: session.secret, caller: { principal: federatedPrincipal(session), account, accessKeyId, kind: 'session', session } }
  }
  if (session.userName === undefined) {
    return { ok: true, secret: session.secret, caller: { principal: rootPrincipal(account.id, true), account, accessKeyId, kind: 'session', session } }
  }
  const user = account.users.get(session.userName.toLowerCase())
  if (!user) return { ok: false, failure: { kind: 'invalid-token' } }
  return { ok: true, secret: session.secret, caller: { principal: userPrincipal(account, user, true), account, accessKeyId, kind: 'session', session } }
}

function unknown(accessKeyId: string): Resolved {
  return { ok: false, failure: { kind: 'unknown-key', accessKeyId } }
}
