import { InputError } from '../../errors.js'
import { hasOwnKey, ownGet } from '../../safe-object.js'
import { SNAPSHOT_LIMITS } from './format.js'

/**
 * Checked reads of a parsed snapshot file: every value is read by own-property lookup and
 * copied into a new typed value (nothing from the file becomes an object's property name), each
 * problem is a `bad-snapshot` error naming the file and the JSON path.
 */
export class SnapshotReader {
  constructor(readonly file: string) {}

  fail(path: string, message: string, hint?: string): never {
    throw new InputError('bad-snapshot', `${this.file}: ${path || 'the document'} ${message}`, {
      hint: hint ?? 'take the snapshot again with `iamflow snapshot --output FILE`, or give the JSON output of `aws iam get-account-authorization-details`',
    })
  }

  obj(v: unknown, path: string): Record<string, unknown> {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail(path, 'must be an object')
    return v as Record<string, unknown>
  }

  get(o: Record<string, unknown>, key: string): unknown {
    return hasOwnKey(o, key) ? ownGet(o, key) : undefined
  }

  str(o: Record<string, unknown>, key: string, path: string, opts: { pattern?: RegExp; max?: number } = {}): string {
    const v = this.get(o, key)
    if (typeof v !== 'string') this.fail(`${path}.${key}`, v === undefined ? 'is missing' : 'must be a string')
    if (v.length > (opts.max ?? SNAPSHOT_LIMITS.stringChars)) this.fail(`${path}.${key}`, `is longer than ${opts.max ?? SNAPSHOT_LIMITS.stringChars} characters`)
    if (opts.pattern && !opts.pattern.test(v)) this.fail(`${path}.${key}`, `is not valid: ${JSON.stringify(v.slice(0, 100))}`)
    return v
  }

  optStr(o: Record<string, unknown>, key: string, path: string, opts: { pattern?: RegExp; max?: number } = {}): string | undefined {
    return this.get(o, key) === undefined || this.get(o, key) === null ? undefined : this.str(o, key, path, opts)
  }

  date(o: Record<string, unknown>, key: string, path: string): string {
    const v = this.str(o, key, path, { max: 64 })
    if (Number.isNaN(Date.parse(v))) this.fail(`${path}.${key}`, `is not a date: ${JSON.stringify(v)}`)
    return v
  }

  optDate(o: Record<string, unknown>, key: string, path: string): string | undefined {
    return this.get(o, key) === undefined || this.get(o, key) === null ? undefined : this.date(o, key, path)
  }

  bool(o: Record<string, unknown>, key: string, path: string, fallback?: boolean): boolean {
    const v = this.get(o, key)
    if (v === undefined && fallback !== undefined) return fallback
    if (typeof v !== 'boolean') this.fail(`${path}.${key}`, v === undefined ? 'is missing' : 'must be true or false')
    return v
  }

  int(o: Record<string, unknown>, key: string, path: string, min: number, max: number): number | undefined {
    const v = this.get(o, key)
    if (v === undefined || v === null) return undefined
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) this.fail(`${path}.${key}`, `must be an integer from ${min} to ${max}`)
    return v
  }

  /** An array member (absent = empty), at most `max` items. */
  list(o: Record<string, unknown>, key: string, path: string, max: number): unknown[] {
    const v = this.get(o, key)
    if (v === undefined || v === null) return []
    if (!Array.isArray(v)) this.fail(`${path}.${key}`, 'must be a list')
    if (v.length > max) this.fail(`${path}.${key}`, `has ${v.length} entries, more than the ${max} a snapshot may hold`)
    return v
  }

  strings(o: Record<string, unknown>, key: string, path: string, max: number): string[] {
    return this.list(o, key, path, max).map((s, i) => {
      if (typeof s !== 'string' || s.length > 2048) this.fail(`${path}.${key}[${i}]`, 'must be a string (at most 2048 characters)')
      return s
    })
  }

  /**
   * A policy document: JSON text (as iamflow writes it), a URL-encoded JSON text (as the API
   * returns it), or an object (as the AWS CLI prints it). Answered as JSON text.
   */
  document(o: Record<string, unknown>, key: string, path: string): string {
    const v = this.get(o, key)
    const at = `${path}.${key}`
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      const text = JSON.stringify(v)
      if (text.length > SNAPSHOT_LIMITS.stringChars) this.fail(at, 'is too large')
      return text
    }
    let text = this.str(o, key, path)
    if (!text.trimStart().startsWith('{')) {
      try {
        text = decodeURIComponent(text) // RFC 3986, as IAM encodes it: '+' is itself
      } catch {
        this.fail(at, 'is neither a JSON policy document nor a URL-encoded one')
      }
    }
    try {
      const parsed: unknown = JSON.parse(text)
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object')
    } catch {
      this.fail(at, 'is not a JSON policy document')
    }
    return text
  }

  tags(o: Record<string, unknown>, key: string, path: string): Array<{ Key: string; Value: string }> {
    return this.list(o, key, path, SNAPSHOT_LIMITS.perEntity).map((t, i) => {
      const tag = this.obj(t, `${path}.${key}[${i}]`)
      return { Key: this.str(tag, 'Key', `${path}.${key}[${i}]`, { max: 128 }), Value: this.str(tag, 'Value', `${path}.${key}[${i}]`, { max: 256 }) }
    })
  }
}

/** IAM names and ids as AWS allows them. */
export const PATTERNS = {
  name: /^[\w+=,.@-]{1,128}$/,
  path: /^\/([\x21-\x7e]{0,510}\/)?$/,
  id: /^[A-Z0-9]{16,128}$/,
  arn: /^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12}|aws)?:[\x21-\x7e]+$/,
  account: /^\d{12}$/,
  versionId: /^v[1-9]\d*$/,
  bucket: /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
}
