import { readOutputPath } from '../../scenario/output-path.js'
import { isSecretKey } from '../redact.js'
import { setOwn } from '../../safe-object.js'

/**
 * Dotted paths into an action's output: `User.Arn`, `Users.0.UserName`, `Users[0].UserName`,
 * and `Users[*].UserName` / `Users.*.UserName` (every element: a list).
 */
export type PathResult = { found: true; value: unknown } | { found: false; missing: string }

/** Split `Users[0].UserName` into `['Users', '0', 'UserName']`. */
export function splitPath(path: string): string[] {
  return path
    .replace(/\[(\*|\d+)\]/g, '.$1')
    .split('.')
    .filter((s) => s !== '')
}

/** Read `path` from `value` (the scenario format's path syntax, see scenario/output-path.ts). */
export function getPath(value: unknown, path: string): PathResult {
  const got = readOutputPath(value, path)
  return got === undefined ? { found: false, missing: path } : { found: true, value: got }
}

/** Whether a capture path reaches a secret (`Credentials.SecretAccessKey`, `Credentials`). */
export function isSecretPath(path: string): boolean {
  return splitPath(path).some((s) => isSecretKey(s))
}

/** Normalise SDK values for comparison and reports: Dates become ISO strings, `$metadata` goes. */
export function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.map(plain)
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    // Keys come from the answer (S3 metadata names, for one): own properties, whatever their name.
    for (const [k, v] of Object.entries(value)) if (k !== '$metadata' && v !== undefined) setOwn(out, k, plain(v))
    return out
  }
  return value
}
