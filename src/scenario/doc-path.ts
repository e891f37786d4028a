import type { DocPath } from './locator.js'

/**
 * A document path as a reader writes it: `steps[2].expect.because`, `vars.user`,
 * `steps[0].expect.output["Owner.ID"]`. The root is "the scenario".
 */
export function formatDocPath(path: DocPath): string {
  let out = ''
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`
    else if (/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(segment)) out += out === '' ? segment : `.${segment}`
    else out += `[${JSON.stringify(segment)}]`
  }
  return out === '' ? 'the scenario' : out
}

/** Splits an ajv `instancePath` (JSON pointer) into segments; numeric segments become indexes. */
export function pointerToPath(pointer: string): Array<string | number> {
  if (pointer === '') return []
  return pointer
    .slice(1)
    .split('/')
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s))
}

/** A short, safe rendering of a value for messages (never the word "undefined"). */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)
  if (Array.isArray(value)) return 'a list'
  if (value !== null && typeof value === 'object') return 'a mapping'
  return String(value)
}
