import { accessKeyId, secretAccessKey, sessionToken } from '../../ids.js'
import type { EmulatorState, SessionEntity } from '../../state/model.js'

/** Sessions expired longer ago than this are forgotten (their tokens then read as invalid). */
const FORGET_AFTER_MS = 24 * 60 * 60 * 1000

/** Issue temporary credentials: store the session under a fresh ASIA key id. */
export function issueSession(
  state: EmulatorState,
  now: number,
  fields: Omit<SessionEntity, 'accessKeyId' | 'secret' | 'token' | 'createDate'>,
): SessionEntity {
  forgetOldSessions(state, now)
  let id: string
  do id = accessKeyId('ASIA')
  while (state.sessions.has(id) || state.accessKeys.has(id))
  const session: SessionEntity = { accessKeyId: id, secret: secretAccessKey(), token: sessionToken(), createDate: now, ...fields }
  state.sessions.set(id, session)
  return session
}

function forgetOldSessions(state: EmulatorState, now: number): void {
  for (const [id, s] of state.sessions) if (s.expiration + FORGET_AFTER_MS < now) state.sessions.delete(id)
}

/** The `Credentials` output member (model order). */
export function credentialsOutput(s: SessionEntity) {
  return {
    AccessKeyId: s.accessKeyId,
    SecretAccessKey: s.secret,
    SessionToken: s.token,
    Expiration: new Date(s.expiration),
  }
}
