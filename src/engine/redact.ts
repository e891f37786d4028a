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

/**
 * Member names already classified (names repeat across events: `Arn`, `UserName`, ...). Keys come
 * from outside data, hence a Map; bounded: past the limit names are classified afresh.
 */
const secretKeyMemo = new Map<string, boolean>()
const SECRET_KEY_MEMO_MAX = 2048
const MEMO_KEY_MAX_LENGTH = 128

/** Whether a member name denotes a secret. */
export function isSecretKey(key: string): boolean {
  const known = secretKeyMemo.get(key)
  if (known !== undefined) return known
  const secret = SECRET_KEY.test(key)
  if (secretKeyMemo.size < SECRET_KEY_MEMO_MAX && key.length <= MEMO_KEY_MAX_LENGTH) secretKeyMemo.set(key, secret)
  return secret
}

/** Collects secret values seen during a run and scrubs them from values and text. */
export class SecretScrubber {
  private readonly secrets = new Set<string>()
  /** Length of the shortest secret: text shorter than it holds none (most names, ids and codes). */
  private shortest = Number.POSITIVE_INFINITY

  /** Remember a secret value (ignored when too short to be one). */
  add(value: unknown): void {
    if (typeof value === 'string' && value.length >= 8) {
      this.secrets.add(value)
      if (value.length < this.shortest) this.shortest = value.length
    }
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
    if (text.length < this.shortest) return text
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
  return redactInner(value, scrubber)
}

/** {@link redactValue} of a value whose member name (if any) has been checked already. */
function redactInner(value: unknown, scrubber: SecretScrubber | undefined): unknown {
  if (typeof value === 'string') return scrubber ? scrubber.text(value) : value
  if (value === null || typeof value !== 'object') return value
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length)
    for (let i = 0; i < value.length; i++) out[i] = redactInner(value[i], scrubber)
    return out
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return (value as { toJSON(): unknown }).toJSON()
  const out: Record<string, unknown> = {}
  const keys = Object.keys(value)
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!
    if (k === '$metadata') continue
    const v = (value as Record<string, unknown>)[k]
    const copy = (typeof v === 'string' || (typeof v === 'object' && v !== null)) && isSecretKey(k) ? REDACTED : redactInner(v, scrubber)
    // A fresh `{}`: only `__proto__` is an accessor there; any other name becomes an own property.
    if (k === '__proto__') setOwn(out, k, copy)
    else out[k] = copy
  }
  return out
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
