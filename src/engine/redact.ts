/**
 * Secret hygiene for everything the runner writes or reports.
 *
 * Two layers: members whose *name* says secret (`SecretAccessKey`, `SessionToken`, `Password`,
 * `PrivateKey`, ...) are replaced wherever they appear, and every secret *value* the run has seen
 * (registered by the runner when an action's output carries one) is scrubbed from free text
 * such as AWS error messages.
 */
import { setOwn } from '../safe-object.js'

export const REDACTED = '[redacted]'

// `Base32StringSeed` and `QRCodePNG` (iam.createVirtualMFADevice) hold an MFA device's TOTP secret;
// a `SAMLAssertion` (iamflow.issueSamlAssertion, sts.assumeRoleWithSAML) is a bearer credential.
const SECRET_KEY = /secret|password|sessiontoken|privatekey|^token$|credentials?$|seed$|qrcodepng|^samlassertion$/i

/** Whether a member name denotes a secret. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key)
}

/** Collects secret values seen during a run and scrubs them from values and text. */
export class SecretScrubber {
  private readonly secrets = new Set<string>()

  /** Remember a secret value (ignored when too short to be one). */
  add(value: unknown): void {
    if (typeof value === 'string' && value.length >= 8) this.secrets.add(value)
  }

  /** Remember every secret-named member value inside `value` (e.g. an SDK output). */
  collect(value: unknown): void {
    walk(value, (key, v) => {
      if (isSecretKey(key)) {
        if (typeof v === 'string') this.add(v)
        else walk(v, (_k, inner) => this.add(inner))
      }
    })
  }

  /** `text` with every known secret replaced. */
  text(text: string): string {
    let out = text
    for (const s of this.secrets) if (out.includes(s)) out = out.split(s).join(REDACTED)
    return out
  }

  /** A deep copy of `value` with secret-named members and known secret values redacted. */
  value<T>(value: T): T {
    return redactValue(value, this) as T
  }
}

/** A deep copy with secret-named members redacted (no scrubber: names only). */
export function redactValue(value: unknown, scrubber?: SecretScrubber, key = ''): unknown {
  if (key !== '' && isSecretKey(key) && (typeof value === 'string' || (typeof value === 'object' && value !== null))) return REDACTED
  if (typeof value === 'string') return scrubber ? scrubber.text(value) : value
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.map((v) => redactValue(v, scrubber))
  if (value !== null && typeof value === 'object') {
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return (value as { toJSON(): unknown }).toJSON()
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) {
      if (k === '$metadata') continue
      setOwn(out, k, redactValue(v, scrubber, k))
    }
    return out
  }
  return value
}

function walk(value: unknown, visit: (key: string, value: unknown) => void): void {
  if (Array.isArray(value)) {
    for (const v of value) walk(v, visit)
  } else if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    for (const [k, v] of Object.entries(value)) {
      visit(k, v)
      walk(v, visit)
    }
  }
}
