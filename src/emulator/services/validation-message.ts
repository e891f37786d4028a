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
