import { InputError, type SourceLocation } from '../errors.js'
import { setOwn } from '../safe-object.js'
import { totp } from '../totp.js'

/**
 * `${{ name }}` templating. Names are vars, captures, identities, `run.id`, `account.id` and
 * `env.NAME`. IAM policy variables (`${aws:username}`) are not templates and pass through.
 *
 * A string that is exactly one `${{ name }}` becomes the looked-up value with its own type
 * (number, list, map); a template inside a longer string becomes text. Values are never mutated:
 * `interpolate` returns new arrays and objects.
 */

/** The answer of a name lookup: found (with any value, even null) or not. */
export type LookupResult = { found: true; value: unknown } | { found: false }

/** Resolves one template name. */
export type Lookup = (name: string) => LookupResult

/**
 * A function applied to a reference: `totp(seed)` is the current code of the MFA device whose
 * base32 seed `seed` names, `totp(seed, 1)` the code of the next 30-second step.
 */
export interface TemplateCall {
  fn: 'totp'
  /** Steps after (or before, when negative) the current one. */
  offset: number
}

/** One piece of a template string. */
export type TemplatePart = { kind: 'text'; text: string } | { kind: 'ref'; name: string; call?: TemplateCall }

/** Where a value sits in the scenario document, so errors can point at it. */
export interface TemplateOptions {
  /** Document path of `value` (e.g. `['steps', 3, 'input']`). */
  path?: ReadonlyArray<string | number>
  /** Maps a document path to its source position. */
  locate?: (path: ReadonlyArray<string | number>) => SourceLocation
  /** The run's clock (epoch ms) for `totp()`: the emulator's when embedded (default: the system clock). */
  now?: () => number
  /** `plan`: show `totp(...)` as a placeholder instead of computing a code. */
  previewCalls?: boolean
}

/** A template that names something undefined, or a malformed `${{ ... }}`. */
export class TemplateError extends InputError {
  /** The name that could not be resolved (absent for syntax errors). */
  readonly templateName?: string
  /** Document path of the string holding the template. */
  readonly path: ReadonlyArray<string | number>
  constructor(
    code: 'unknown-name' | 'bad-template',
    message: string,
    opts: { templateName?: string; path: ReadonlyArray<string | number>; location?: SourceLocation; hint: string },
  ) {
    super(code, message, { location: opts.location, hint: opts.hint })
    this.templateName = opts.templateName
    this.path = opts.path
  }
}

const OPEN = '${{'
const CLOSE = '}}'
/** `vars`, `userArn`, `run.id`, `env.HOME`, `my-var`, `a_b.c-d`. */
const NAME = /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$/
const EXACT = /^\$\{\{\s*([^{}]*?)\s*\}\}$/
/** `totp(seed)`, `totp(seed, 1)`, `totp(steps-seed, -1)`. */
const CALL = /^([A-Za-z_][A-Za-z0-9_]*)\(\s*([^,()\s]+)\s*(?:,\s*([^,()\s]+)\s*)?\)$/
const FUNCTIONS = new Set(['totp'])

/** True when `text` contains `${{` (and so needs interpolation). */
export function hasTemplate(text: string): boolean {
  return text.includes(OPEN)
}

/**
 * Split a string into text and `${{ name }}` references.
 * Throws a `TemplateError` (`bad-template`) on an unclosed or malformed reference.
 */
export function parseTemplate(text: string, opts: TemplateOptions = {}): TemplatePart[] {
  const parts: TemplatePart[] = []
  let at = 0
  while (at < text.length) {
    const open = text.indexOf(OPEN, at)
    if (open < 0) break
    if (open > at) parts.push({ kind: 'text', text: text.slice(at, open) })
    const close = text.indexOf(CLOSE, open + OPEN.length)
    if (close < 0) {
      throw syntaxError(`unclosed template in "${clip(text)}": "${OPEN}" has no matching "${CLOSE}"`, opts)
    }
    const name = text.slice(open + OPEN.length, close).trim()
    const call = CALL.exec(name)
    if (call) {
      parts.push(parseCall(call, name, opts))
      at = close + CLOSE.length
      continue
    }
    if (!NAME.test(name)) {
      const shown = name === '' ? 'an empty template "${{ }}"' : `"${OPEN} ${name} ${CLOSE}"`
      throw syntaxError(`${shown} is not a valid template: write \${{ name }} with a name such as userArn, run.id or env.HOME`, opts)
    }
    parts.push({ kind: 'ref', name })
    at = close + CLOSE.length
  }
  if (at < text.length) parts.push({ kind: 'text', text: text.slice(at) })
  return parts
}

function parseCall(m: RegExpExecArray, text: string, opts: TemplateOptions): TemplatePart {
  const [, fn, arg, offsetText] = m
  if (!FUNCTIONS.has(fn!)) throw syntaxError(`"\${{ ${text} }}" calls ${fn}(), which is not a template function: the only one is totp(seed) or totp(seed, N)`, opts)
  if (!NAME.test(arg!)) throw syntaxError(`"\${{ ${text} }}": the argument of totp() must be a name (a capture or var holding the device's Base32StringSeed)`, opts)
  const offset = offsetText === undefined ? 0 : Number(offsetText)
  if (!/^-?\d$/.test(offsetText ?? '0')) {
    throw syntaxError(`"\${{ ${text} }}": the second argument of totp() is a whole number of 30-second steps from -9 to 9 (1 = the next code)`, opts)
  }
  return { kind: 'ref', name: arg!, call: { fn: 'totp', offset } }
}

/**
 * Returns a copy of `value` with every `${{ name }}` replaced. Throws a `TemplateError` naming the
 * first name `lookup` does not know (`unknown-name`) or a malformed template (`bad-template`).
 */
export function interpolate(value: unknown, lookup: Lookup, opts: TemplateOptions = {}): unknown {
  return walk(value, lookup, { base: opts.path ?? [], parent: undefined, key: undefined }, opts)
}

/** Every template name used in `value` (strings, lists and map values), unique, in order. */
export function templateNames(value: unknown): string[] {
  const names = new Set<string>()
  for (const ref of templateRefs(value)) names.add(ref.name)
  return [...names]
}

/** Every `${{ name }}` in `value` with the document path (relative to `value`) of its string. */
export function templateRefs(value: unknown, base: ReadonlyArray<string | number> = []): Array<{ name: string; path: Array<string | number> }> {
  const refs: Array<{ name: string; path: Array<string | number> }> = []
  const visit = (v: unknown, path: Array<string | number>): void => {
    if (typeof v === 'string') {
      if (!hasTemplate(v)) return
      for (const part of parseTemplate(v, { path })) if (part.kind === 'ref') refs.push({ name: part.name, path })
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => visit(item, [...path, i]))
    } else if (isPlainObject(v)) {
      for (const [k, item] of Object.entries(v)) visit(item, [...path, k])
    }
  }
  visit(value, [...base])
  return refs
}

/** Renders a value as text inside a longer string. */
export function templateText(value: unknown): string {
  if (typeof value === 'string') return value
  if (value === null) return 'null'
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

/**
 * Where the walk is: a chain of keys up to the base path. The document path of a value is only
 * needed where a template is interpolated (errors point at it), so it is spelt out there, not
 * copied at every member and element.
 */
interface WalkPath {
  base: ReadonlyArray<string | number>
  parent: WalkPath | undefined
  key: string | number | undefined
}

/** `walk` of a member or element; its path node is made only for what may need it (a template, a list, a map). */
function member(value: unknown, lookup: Lookup, parent: WalkPath, key: string | number, opts: TemplateOptions): unknown {
  if (value === null || (typeof value !== 'object' && typeof value !== 'string') || (typeof value === 'string' && !hasTemplate(value))) return value
  return walk(value, lookup, { base: parent.base, parent, key }, opts)
}

function pathOf(at: WalkPath): Array<string | number> {
  const keys: Array<string | number> = []
  let node: WalkPath | undefined = at
  while (node?.parent !== undefined) {
    keys.push(node.key!)
    node = node.parent
  }
  return [...(node?.base ?? []), ...keys.reverse()]
}

function walk(value: unknown, lookup: Lookup, at: WalkPath, opts: TemplateOptions): unknown {
  if (typeof value === 'string') return hasTemplate(value) ? interpolateString(value, lookup, pathOf(at), opts) : value
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length)
    for (let i = 0; i < value.length; i++) out[i] = member(value[i], lookup, at, i, opts)
    return out
  }
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {}
    const keys = Object.keys(value)
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!
      const copy = member(value[k], lookup, at, k, opts)
      // A fresh `{}`: only `__proto__` (a key YAML allows) must not be assigned.
      if (k === '__proto__') setOwn(out, k, copy)
      else out[k] = copy
    }
    return out
  }
  return value
}

function interpolateString(text: string, lookup: Lookup, path: ReadonlyArray<string | number>, opts: TemplateOptions): unknown {
  const where = { ...opts, path }
  const exact = EXACT.exec(text)
  const parts = parseTemplate(text, where)
  if (exact && parts.length === 1 && parts[0]!.kind === 'ref') return resolvePart(parts[0]!, lookup, where, false)
  let out = ''
  for (const part of parts) out += part.kind === 'text' ? part.text : templateText(resolvePart(part, lookup, where, true))
  return out
}

function resolvePart(part: Extract<TemplatePart, { kind: 'ref' }>, lookup: Lookup, opts: TemplateOptions, asText: boolean): unknown {
  if (!part.call) return resolve(part.name, lookup, opts, asText)
  const seed = resolve(part.name, lookup, opts, true)
  const shown = `totp(${part.name}${part.call.offset ? `, ${part.call.offset}` : ''})`
  if (opts.previewCalls) return `<${shown}>`
  try {
    if (typeof seed !== 'string') throw new Error('not text')
    return totp(seed, (opts.now ?? Date.now)(), part.call.offset)
  } catch {
    throw new TemplateError('bad-template', `\${{ ${shown} }}: ${part.name} is not an MFA seed (base32 text)`, {
      templateName: part.name,
      path: opts.path ?? [],
      location: opts.locate?.(opts.path ?? []),
      hint: 'capture the seed of iam.createVirtualMFADevice: capture: { seed: VirtualMFADevice.Base32StringSeed }',
    })
  }
}

function resolve(name: string, lookup: Lookup, opts: TemplateOptions, asText: boolean): unknown {
  const result = lookup(name)
  if (!result.found) {
    throw new TemplateError('unknown-name', `\${{ ${name} }} is not defined`, {
      templateName: name,
      path: opts.path ?? [],
      location: opts.locate?.(opts.path ?? []),
      hint: 'define it under vars:, capture it in an earlier step (capture: { name: Output.Path }), or use run.id, account.id or env.NAME',
    })
  }
  if (asText && result.value === undefined) {
    throw new TemplateError('unknown-name', `\${{ ${name} }} has no value yet`, {
      templateName: name,
      path: opts.path ?? [],
      location: opts.locate?.(opts.path ?? []),
      hint: 'the step that captures it has not produced it (did it fail or was it skipped?)',
    })
  }
  return result.value
}

function syntaxError(message: string, opts: TemplateOptions): TemplateError {
  return new TemplateError('bad-template', message, {
    path: opts.path ?? [],
    location: opts.locate?.(opts.path ?? []),
    hint: 'templates look like ${{ name }}; IAM policy variables such as ${aws:username} use a single brace and are left alone',
  })
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}

/** Sets an own enumerable property, even one named `__proto__` (YAML allows that key). */
export { setOwn } from '../safe-object.js'

/** Plain data object (from YAML or JSON), not a Date, class instance or array. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}
