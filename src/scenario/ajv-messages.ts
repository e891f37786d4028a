import type { InputErrorCode } from '../errors.js'
import type { ErrorObject } from 'ajv'
import { closestName } from '../actions/suggest.js'
import { TEMPLATE_DEF } from './allow-templates.js'
import { formatDocPath, pointerToPath, showValue } from './doc-path.js'
import type { DocPath } from './locator.js'

/** One schema problem in plain English, with the document path it is about. */
export interface SchemaProblem {
  code: InputErrorCode
  /** The ajv keyword behind it (`type`, `enum`, `additionalProperties`, ...). */
  keyword: string
  message: string
  /** Path of the value (or, with `key`, of the key) the problem is about. */
  path: DocPath
  key: boolean
  hint: string
}

const typeWords: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  null: 'null',
}

const FORMAT_HINT = 'see the scenario format reference in the README (editors show each field with the schema modeline)'

/**
 * Turns ajv's raw errors into one plain-English problem per mistake: drops the noise of
 * `if`/`then` and of the `${{ }}` template alternatives, merges the branches of an `anyOf`, and
 * words each keyword ("steps[2].expect.because must be one of implicitDeny, explicitDeny, ...").
 * `base` is prepended to every path (for fragments validated on their own).
 */
export function describeAjvErrors(raw: readonly ErrorObject[], base: DocPath = []): SchemaProblem[] {
  let errors = raw.filter((e) => e.keyword !== 'if' && e.keyword !== 'then' && e.keyword !== 'propertyNames' && !isTemplateBranch(e))
  // An anyOf is explained by its branches' errors when there are any.
  // (Each "is there an error within this path" is a set lookup: a file can hold thousands of errors.)
  const belowOther = pathsAndAncestors(errors.filter((o) => o.keyword !== 'anyOf').map((o) => o.instancePath))
  errors = errors.filter((e) => e.keyword !== 'anyOf' || !belowOther.has(e.instancePath))
  // A type error at a path where a branch of the right type reported something more precise.
  // (An enum or const at the same path is no more precise: the type is the mistake.)
  const sameLevel = new Set(['type', 'anyOf', 'enum', 'const'])
  const belowPrecise = pathsAndAncestors(errors.filter((o) => !sameLevel.has(o.keyword)).map((o) => o.instancePath))
  errors = errors.filter((e) => e.keyword !== 'type' || !belowPrecise.has(e.instancePath))
  // A value of the wrong type cannot be one of the allowed values either: say it once.
  const typeAt = new Set(errors.filter((o) => o.keyword === 'type').map((o) => o.instancePath))
  errors = errors.filter((e) => (e.keyword !== 'enum' && e.keyword !== 'const') || !typeAt.has(e.instancePath))

  // Type and required errors at one path merge ("must be a mapping or a list", "is missing A and B").
  const groups = new Map<string, ErrorObject[]>()
  errors.forEach((e, i) => {
    const key = e.keyword === 'type' || e.keyword === 'required' ? `${e.keyword}@${e.instancePath}` : String(i)
    const group = groups.get(key)
    if (group) group.push(e)
    else groups.set(key, [e])
  })
  const problems = [...groups.values()].map((group) => describe(group, base))
  return problems
}

function describe(group: ErrorObject[], base: DocPath): SchemaProblem {
  const e = group[0]
  const path = [...base, ...pointerToPath(e.instancePath)]
  const where = formatDocPath(path)
  const got = e.data === undefined ? '' : ` (got ${showValue(e.data)})`
  if (e.propertyName !== undefined) {
    const keyPath = [...path, e.propertyName]
    const rule = ruleText(e)
    return { code: 'schema', keyword: 'propertyNames', message: `key "${e.propertyName}" in ${where} ${rule}`, path: keyPath, key: true, hint: FORMAT_HINT }
  }
  switch (e.keyword) {
    case 'type': {
      const types = [...new Set(group.flatMap((g) => String(g.params.type).split(',')))]
      return problem(e.keyword, `${where} must be ${orList(types.map((t) => typeWords[t] ?? t))}${got}`, path, hintFor(path))
    }
    case 'required': {
      const missing = [...new Set(group.map((g) => String(g.params.missingProperty)))]
      return { ...problem(e.keyword, `${where} is missing ${andList(missing)}`, path, `add ${missing.length === 1 ? 'it' : 'them'}; ${hintFor(path)}`), key: true }
    }
    case 'additionalProperties': {
      const key = String(e.params.additionalProperty)
      const known = Object.keys((e.parentSchema?.properties as Record<string, unknown> | undefined) ?? {})
      const guess = closestName(key, known)
      const message = `${where === 'the scenario' ? 'the scenario' : where} has an unknown key "${key}"${guess ? `: did you mean "${guess}"?` : ''}`
      const hint = known.length > 0 ? `known keys here: ${known.join(', ')}` : hintFor(path)
      return { code: 'unknown-key', keyword: e.keyword, message, path: [...path, key], key: true, hint }
    }
    case 'dependentRequired': {
      const prop = String(e.params.property)
      const need = String(e.params.missingProperty)
      const message = `${formatDocPath([...path, prop])} needs ${need}: it only applies to an expected error`
      return { ...problem(e.keyword, message, [...path, prop], `add ${need}: <ErrorCode>, or remove ${prop}`), key: true }
    }
    case 'maxProperties':
      if (e.params.limit === 1) return problem(e.keyword, `${where} must hold one check only (equals, exists, matches or contains)`, path, 'write one check per output path')
      return problem(e.keyword, `${where} ${ruleText(e)}`, path, hintFor(path))
    case 'anyOf':
      return problem(e.keyword, `${where} is not any of the accepted forms${got}`, path, hintFor(path))
    default:
      return problem(e.keyword, `${where} ${ruleText(e)}${e.keyword === 'enum' || e.keyword === 'pattern' || e.keyword === 'const' ? got : ''}`, path, hintFor(path))
  }
}

/** The rule a value broke, worded after "<path> ". */
function ruleText(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>
  switch (e.keyword) {
    case 'enum': {
      const values = (p.allowedValues as unknown[]).map(String)
      return values.length > 12 ? `must be one of ${values.slice(0, 12).join(', ')}, ... (${values.length} values)` : `must be one of ${values.join(', ')}`
    }
    case 'const':
      return `must be ${String(p.allowedValue)}`
    case 'pattern': {
      const custom = e.parentSchema?.patternErrorMessage
      return typeof custom === 'string' ? custom : `must match the pattern ${String(p.pattern)}`
    }
    case 'minLength':
      return `must be at least ${p.limit} ${p.limit === 1 ? 'character' : 'characters'} long`
    case 'maxLength':
      return `must be at most ${p.limit} characters long`
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `must be ${String(p.comparison)} ${String(p.limit)}`
    case 'minItems':
      return `must have at least ${p.limit} ${p.limit === 1 ? 'item' : 'items'}`
    case 'maxItems':
      return `must have at most ${p.limit} items`
    case 'minProperties':
      return `must have at least ${p.limit} ${p.limit === 1 ? 'key' : 'keys'}`
    case 'maxProperties':
      return `must have at most ${p.limit} keys`
    case 'uniqueItems':
      return `must not repeat items (items ${p.j} and ${p.i} are equal)`
    case 'format':
      return `must be a valid ${String(p.format)}`
    case 'multipleOf':
      return `must be a multiple of ${String(p.multipleOf)}`
    default:
      return e.message ? `is invalid: ${e.message}` : 'is invalid'
  }
}

function problem(keyword: string, message: string, path: DocPath, hint: string): SchemaProblem {
  return { code: 'schema', keyword, message, path, key: false, hint }
}

function hintFor(path: DocPath): string {
  const inInput = path.length >= 3 && path[0] === 'steps' && (path[2] === 'input' || (path[2] === 'undo' && path.includes('input')))
  return inInput ? "check the value against the AWS API reference of this action (editors show each member's rules through the schema modeline), or use a ${{ }} template" : FORMAT_HINT
}

function isTemplateBranch(e: ErrorObject): boolean {
  return e.schemaPath.startsWith(`#/$defs/${TEMPLATE_DEF}/`)
}

/** The JSON pointers and all their ancestors: `p` is in it iff some pointer is `p` or lies below it. */
function pathsAndAncestors(pointers: readonly string[]): Set<string> {
  const out = new Set<string>()
  for (let p of pointers) {
    while (!out.has(p)) {
      out.add(p)
      const slash = p.lastIndexOf('/')
      if (slash < 0) break
      p = p.slice(0, slash)
    }
  }
  return out
}

function orList(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? 'valid') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`
}

function andList(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`
}
