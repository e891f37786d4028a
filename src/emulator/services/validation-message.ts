import { AwsServiceError } from './types.js'

/**
 * The text of AWS's model-validation errors (the Coral format shared by IAM and STS):
 * `N validation error(s) detected: Value '<v>' at '<member>' failed to satisfy constraint: <c>`,
 * failures joined with `; `.
 *
 * Bounded, so that the answer never grows with the input (a 2 MB policy once gave a 7 MB answer):
 * - a value whose text is longer than {@link MAX_ECHOED_CHARS} is left out, giving the
 *   `Value at '<member>' ...` form. AWS echoes values of a few hundred characters (a Lambda
 *   description over its 256 limit comes back whole) but answered an oversized (> 128 KB) Glue
 *   column type with `Value at 'table.storageDescriptor.columns.3.member.type' failed to satisfy
 *   constraint: ...`; the 1,024 cut-off between the two is ours (AWS's exact one is unknown);
 * - at most {@link MAX_LISTED_FAILURES} failures are spelled out; the count still says how
 *   many there were (our bound: AWS's behaviour for thousands of failures is unknown).
 */

/** Longest value text echoed in a failure. */
export const MAX_ECHOED_CHARS = 1024

/** Most failures spelled out in one message. */
export const MAX_LISTED_FAILURES = 100

/** Marks a value that is never shown (sensitive members: `Value at 'password' ...`). */
export const HIDDEN = Symbol('hidden')

/** A member value as AWS prints it: lists `[a, b]`, structures `{k: v}`, scalars as text. */
export function valueText(value: unknown): string {
  const out: string[] = []
  let size = 0
  // Stops once past the echo limit: a 100k-element list is not rendered to be thrown away.
  const emit = (s: string) => {
    out.push(s)
    size += s.length
  }
  const walk = (v: unknown): void => {
    if (size > MAX_ECHOED_CHARS) return
    if (Array.isArray(v)) {
      emit('[')
      v.forEach((x, i) => {
        if (i > 0) emit(', ')
        walk(x)
      })
      emit(']')
    } else if (v !== null && typeof v === 'object') {
      emit('{')
      Object.keys(v).forEach((k, i) => {
        if (i > 0) emit(', ')
        emit(`${k}: `)
        walk((v as Record<string, unknown>)[k])
      })
      emit('}')
    } else emit(typeof v === 'string' ? v : String(v))
  }
  walk(value)
  return out.join('')
}

/** One failure: `Value '<v>' at '<path>' failed to satisfy constraint: <constraint>`. */
export function constraintFailure(value: unknown, path: string, constraint: string): string {
  let shown: string
  if (value === HIDDEN) shown = ''
  else if (value === undefined || value === null) shown = ' null'
  else {
    const text = valueText(value)
    shown = text.length > MAX_ECHOED_CHARS ? '' : ` '${text}'`
  }
  return `Value${shown} at '${path}' failed to satisfy constraint: ${constraint}`
}

/** The constraints of a list's scalar member (what {@link memberConstraints} combines). */
export interface MemberConstraints {
  min?: number
  max?: number
  pattern?: string
  /** The enum's text: `Member must satisfy enum value set` plus `: [a, b]` where the service prints the set. */
  enumText?: string
  /** Whether the service's own model marks the member non-null (not in botocore's model). */
  notNull?: boolean
}

/**
 * A list of scalars whose members break their constraints fails once, at the list, with every
 * constraint of the member shape combined (broken or not), however many members break them:
 * `Value at 'tagKeys' failed to satisfy constraint: Member must satisfy constraint: [Member must
 * have length less than or equal to 128, Member must have length greater than or equal to 1,
 * Member must satisfy regular expression pattern: ..., Member must not be null]`. This is the
 * Coral rule, recorded from AWS in several services (LocalStack snapshots, b04c14c):
 * - IAM UntagRole / UntagPolicy with one key too long or with `!` (test_iam_roles
 *   untag-role-key-too-long / untag-role-invalid-char, test_iam_policies err-untag-large-key /
 *   err-untag-invalid-character, 2026-02);
 * - IAM CreateOpenIDConnectProvider: `Value at 'clientIDList' ... [Member must have length less
 *   than or equal to 255, Member must have length greater than or equal to 1]; Value at
 *   'thumbprintList' ... [Member must have length less than or equal to 40, Member must have
 *   length greater than or equal to 40]` (test_iam_oidc multiple-validation-errors, 2026-02-17);
 * - Lambda: `Value '[invalidarch, x86_64]' at 'compatibleArchitectures' ... [Member must satisfy
 *   enum value set: [x86_64, arm64], Member must not be null]`, one failure for a list with a
 *   bad and a good member, and `subnetIds` `[... less than or equal to 1024, ... greater than or
 *   equal to 0, Member must satisfy regular expression pattern: ...]` (test_lambda_api);
 * - API Gateway `Value '[wrong]' at '...types' ... [Member must satisfy enum value set: [...]]`.
 * Order inside the brackets, as recorded: maximum length, minimum length, pattern, enum, not null.
 * "Member must not be null" comes from the service's internal model: IAM prints it for tagKeys
 * and not for clientIDList / thumbprintList, so callers say which.
 */
export function memberConstraints(c: MemberConstraints): string {
  const parts: string[] = []
  if (c.max !== undefined) parts.push(`Member must have length less than or equal to ${c.max}`)
  if (c.min !== undefined) parts.push(`Member must have length greater than or equal to ${c.min}`)
  if (c.pattern !== undefined) parts.push(`Member must satisfy regular expression pattern: ${c.pattern}`)
  if (c.enumText !== undefined) parts.push(c.enumText)
  if (c.notNull) parts.push('Member must not be null')
  return `Member must satisfy constraint: [${parts.join(', ')}]`
}

/** One failure and the member path it is at (`tags.1.member.key`). */
export interface Failure {
  path: string
  text: string
}

/** Java's `String.hashCode`, spread as `java.util.HashMap` spreads it (`h ^ (h >>> 16)`). */
function javaMapHash(s: string): number {
  let h = 0
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0
  return (h ^ (h >>> 16)) >>> 0
}

/** The bucket of a member name in a 16-bucket HashMap (no IAM or STS input has over 12 members). */
const bucketOf = (name: string) => javaMapHash(name) & 15

function comparePaths(a: string, b: string): number {
  const x = a.split('.')
  const y = b.split('.')
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i]!
    const q = y[i]!
    if (p === q) continue
    const m = /^\d+$/.test(p)
    const n = /^\d+$/.test(q)
    if (m && n) return Number(p) - Number(q)
    return bucketOf(p) - bucketOf(q)
  }
  // A list's own failures before its members' (the order they are checked in).
  return x.length - y.length
}

/**
 * Several failures in the order AWS lists them. Recorded orders follow neither the model nor the
 * alphabet, but every multi-failure recording found fits one rule: a structure's members are
 * visited in the iteration order of a 16-bucket Java HashMap keyed by member name (bucket of
 * `hashCode ^ hashCode >>> 16`, ties in model order), a list's members by index. Recorded
 * (LocalStack snapshots, b04c14c): IAM CreateOpenIDConnectProvider `clientIDList; thumbprintList;
 * url` (buckets 1, 13, 14; model order url, clientIDList, thumbprintList), IAM
 * UpdateAccountPasswordPolicy `minimumPasswordLength; passwordReusePrevention; maxPasswordAge`
 * (2, 6, 14), Lambda `compatibleRuntimes; compatibleArchitectures` (4, 10), EventBridge
 * `connectionArn; httpMethod` (7, 12) and `name; name; authorizationType` (8, 8, 9), API Gateway
 * `...endpointConfiguration.types; ...ipAddressType` (2, 15), `patchOperations.1.member.op;
 * ....2...; ....3...` (index order) and `patchOperations...; statusCode` (0, 15). The rule is
 * inferred from these (docs/fidelity.md). A member's own failures keep the order they were found;
 * a list's own failures (its length) come before its members'.
 */
export function inAwsOrder(failures: readonly Failure[]): string[] {
  return [...failures].sort((a, b) => comparePaths(a.path, b.path)).map((f) => f.text)
}

/** AWS's ValidationError (400) for a list of failures. */
export function validationError(errors: readonly string[]): AwsServiceError {
  const n = errors.length
  const listed = n > MAX_LISTED_FAILURES ? errors.slice(0, MAX_LISTED_FAILURES) : errors
  return new AwsServiceError('ValidationError', 400, `${n} validation error${n === 1 ? '' : 's'} detected: ${listed.join('; ')}`)
}

/**
 * A scalar member of a Query input, or undefined. AWS's deserializer reads a scalar member from
 * the parameter of exactly that name, so `Name.x=...` (a structure here) leaves it absent.
 */
export function scalarOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}
