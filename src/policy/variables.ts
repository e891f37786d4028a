/**
 * Policy variables (IAM User Guide "IAM policy elements: Variables and tags").
 *
 * Only Version 2012-10-17 substitutes `${key}`; in 2008-10-17 the text is literal. `${*}`, `${?}`
 * and `${$}` stand for the literal characters; `${key, 'default'}` supplies a default when the
 * key is missing (two single quotes inside the default stand for one). Substitution happens once:
 * substituted text is never re-scanned, and is always literal (never a wildcard).
 */
import { QMARK, STAR, globMatch, pushPart, type GlobPart } from './wildcard.js'

/** A variable reference inside a template. `key` is lower-cased (keys are case-insensitive). */
export interface VariablePart {
  key: string
  /** Original spelling, for explanations. */
  name: string
  fallback?: string
}

/** One token of a template: glob token or variable. */
export type TemplatePart = GlobPart | VariablePart

/** Looks up a single-valued context key (lower-cased name); undefined when absent or multivalued. */
export type VariableLookup = (keyLower: string) => string | undefined

export interface TemplateOptions {
  /** Substitute `${...}` (Version 2012-10-17). */
  variables: boolean
  /** Treat `*` and `?` as wildcards (Resource, `*Like`, Arn operators); else literal. */
  wildcards: boolean
}

function pushLiteralText(parts: TemplatePart[], text: string, wildcards: boolean): void {
  if (!wildcards) {
    pushTemplate(parts, text)
    return
  }
  let lit = ''
  for (const c of text) {
    if (c === '*' || c === '?') {
      pushTemplate(parts, lit)
      lit = ''
      pushTemplate(parts, c === '*' ? STAR : QMARK)
    } else lit += c
  }
  pushTemplate(parts, lit)
}

function pushTemplate(parts: TemplatePart[], part: TemplatePart): void {
  if (typeof part === 'object') {
    parts.push(part)
    return
  }
  const last = parts[parts.length - 1]
  if (typeof last === 'object') {
    if (part !== '') parts.push(part)
    return
  }
  pushPart(parts as GlobPart[], part)
}

/** Parses the inside of `${...}`; undefined when it is not a well-formed variable. */
function parseVariable(inner: string): VariablePart | GlobPart | undefined {
  if (inner === '*') return '*'
  if (inner === '?') return '?'
  if (inner === '$') return '$'
  const comma = inner.indexOf(',')
  if (comma < 0) {
    const name = inner.trim()
    if (!name || /\s/.test(name)) return undefined
    return { key: name.toLowerCase(), name }
  }
  const name = inner.slice(0, comma).trim()
  const rest = inner.slice(comma + 1).trim()
  if (!name || /\s/.test(name) || rest.length < 2 || rest[0] !== "'" || rest[rest.length - 1] !== "'") return undefined
  const body = rest.slice(1, -1)
  // A lone quote inside the default is malformed; '' stands for one quote.
  if (body.replace(/''/g, '').includes("'")) return undefined
  return { key: name.toLowerCase(), name, fallback: body.replace(/''/g, "'") }
}

/** Finds the `}` closing a `${` at `start`, skipping over a quoted default value. */
function findClose(text: string, start: number): number {
  let inQuote = false
  for (let i = start; i < text.length; i++) {
    const c = text[i]
    if (c === "'") inQuote = !inQuote
    else if (c === '}' && !inQuote) return i
  }
  return -1
}

/** Parses a policy string into template tokens. */
export function parseTemplate(text: string, opts: TemplateOptions): TemplatePart[] {
  const parts: TemplatePart[] = []
  if (!opts.variables || !text.includes('${')) {
    pushLiteralText(parts, text, opts.wildcards)
    return parts
  }
  let i = 0
  while (i < text.length) {
    const open = text.indexOf('${', i)
    if (open < 0) break
    const close = findClose(text, open + 2)
    if (close < 0) break
    const parsed = parseVariable(text.slice(open + 2, close))
    if (parsed === undefined) {
      pushLiteralText(parts, text.slice(i, close + 1), opts.wildcards)
    } else {
      pushLiteralText(parts, text.slice(i, open), opts.wildcards)
      // ${*} ${?} ${$} and substituted values are literal text.
      pushTemplate(parts, parsed as TemplatePart)
    }
    i = close + 1
  }
  pushLiteralText(parts, text.slice(i), opts.wildcards)
  return parts
}

/** True when the template contains a variable reference. */
export function hasVariables(parts: readonly TemplatePart[]): boolean {
  for (const p of parts) if (typeof p === 'object') return true
  return false
}

/**
 * Substitutes variables; undefined when a variable has no value and no default
 * (the element then matches nothing). `lowerValues` lower-cases substituted text, for
 * case-insensitive matches.
 */
export function resolveTemplate(parts: readonly TemplatePart[], lookup: VariableLookup, lowerValues = false): GlobPart[] | undefined {
  const out: GlobPart[] = []
  for (const p of parts) {
    if (typeof p === 'object') {
      let v = lookup(p.key)
      if (v === undefined) v = p.fallback
      if (v === undefined) return undefined
      pushPart(out, lowerValues ? v.toLowerCase() : v)
    } else pushPart(out, p)
  }
  return out
}

/** The variable names a template references (original spelling). */
export function variableNames(parts: readonly TemplatePart[]): string[] {
  const names: string[] = []
  for (const p of parts) if (typeof p === 'object') names.push(p.name)
  return names
}

/**
 * Glob-matches a template against `value`, substituting variables as literal text on the fly
 * (no allocation). False when a variable it reaches has no value and no default.
 */
export function templateMatch(parts: readonly TemplatePart[], value: string, lookup: VariableLookup): boolean {
  return globMatch(parts, value, (v: VariablePart) => lookup(v.key) ?? v.fallback)
}

/** True when every variable in the template has a value or a default. */
export function resolvable(parts: readonly TemplatePart[], lookup: VariableLookup): boolean {
  for (const p of parts) if (typeof p === 'object' && p.fallback === undefined && lookup(p.key) === undefined) return false
  return true
}
