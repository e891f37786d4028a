import { inspect } from 'node:util'
import type { IdentityCredentials } from '../actions/define-action.js'

const sealed = new WeakMap<CredentialHandle, IdentityCredentials>()

/**
 * An opaque handle on credentials. The engine passes handles around; only the client factory
 * (`clients.ts`) opens them. A handle prints, inspects and serialises as `[credentials NAME]`,
 * so a secret cannot reach a log, report, event or the ledger by accident.
 */
export class CredentialHandle {
  /** Identity name, for messages. */
  readonly label: string
  /** Access key id (not a secret; AWS prints it in errors too). */
  readonly accessKeyId: string
  /** When the credentials stop working (temporary credentials only). */
  readonly expiration?: Date

  private constructor(label: string, creds: IdentityCredentials) {
    this.label = label
    this.accessKeyId = creds.accessKeyId
    this.expiration = creds.expiration
    sealed.set(this, { ...creds })
    Object.freeze(this)
  }

  /** Wrap credentials; the secret parts are reachable only through `openCredentials`. */
  static seal(label: string, creds: IdentityCredentials): CredentialHandle {
    return new CredentialHandle(label, creds)
  }

  toJSON(): string {
    return `[credentials ${this.label}]`
  }

  toString(): string {
    return `[credentials ${this.label}]`
  }

  [inspect.custom](): string {
    return `[credentials ${this.label}]`
  }
}

/** The secret values of a handle. Only `src/aws/clients.ts` should call this. */
export function openCredentials(handle: CredentialHandle): IdentityCredentials {
  const creds = sealed.get(handle)
  if (!creds) throw new Error(`internal error: credentials ${handle.label} are not a sealed handle`)
  return creds
}

/** The secret strings of a handle, for output scrubbing (never for display). */
export function secretsOf(handle: CredentialHandle): string[] {
  const c = openCredentials(handle)
  return [c.secretAccessKey, c.sessionToken].filter((s): s is string => typeof s === 'string' && s.length > 0)
}
