import type { IdentityCredentials, UndoSpec } from './define-action.js'
import { setOwn } from '../safe-object.js'

/**
 * Helpers for what actions derive from a call: the undo to record and the credentials an output
 * becomes. Both refuse to guess: a missing identifier is an error, never a made-up value.
 */

/** An undo call; members whose value is undefined are left out (optional SDK members). */
export function undoCall(action: string, input: Record<string, unknown>): UndoSpec {
  const clean: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(input)) if (value !== undefined) setOwn(clean, key, value)
  return { action, input: clean }
}

/** `value`, or an error naming the output member the undo or identity needed. */
export function required<T>(value: T | undefined | null, action: string, path: string): T {
  if (value === undefined || value === null || value === '') {
    throw new Error(`${action}: the output has no ${path}, so iamflow cannot record what to undo or which credentials it gives`)
  }
  return value
}

/** Credentials as STS returns them (`Credentials` of AssumeRole / GetSessionToken). */
export interface SessionCredentials {
  AccessKeyId?: string
  SecretAccessKey?: string
  SessionToken?: string
  Expiration?: Date
}

/** Identity from STS session credentials; `arn` is the session's principal ARN when known. */
export function sessionIdentity(action: string, creds: SessionCredentials | undefined, arn?: string): IdentityCredentials {
  const identity: IdentityCredentials = {
    accessKeyId: required(creds?.AccessKeyId, action, 'Credentials.AccessKeyId'),
    secretAccessKey: required(creds?.SecretAccessKey, action, 'Credentials.SecretAccessKey'),
    sessionToken: required(creds?.SessionToken, action, 'Credentials.SessionToken'),
  }
  if (creds?.Expiration !== undefined) identity.expiration = new Date(creds.Expiration)
  if (arn !== undefined) identity.arn = arn
  return identity
}
