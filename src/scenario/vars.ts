import { parse as parseYaml } from 'yaml'
import { InputError } from '../errors.js'
import { interpolate, setOwn, type Lookup } from './template.js'
import { closestName } from '../actions/suggest.js'

/**
 * `--var name=value` overrides. Each name must be a var of the scenario (a typo is an error, not
 * a silently unused value), and the value takes the declared var's type: a number var needs a
 * number, a boolean var true or false, a list or map var YAML/JSON text; a string var takes the
 * text as is (so `--var account=012345678901` keeps its leading zero).
 */
export function parseVarOverrides(declared: Readonly<Record<string, unknown>>, pairs: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const pair of pairs) {
    const eq = pair.indexOf('=')
    if (eq <= 0) {
      throw new InputError('bad-var', `--var ${pair} is not name=value`, { hint: 'write --var name=value, e.g. --var user=alice' })
    }
    const name = pair.slice(0, eq)
    const text = pair.slice(eq + 1)
    if (!Object.prototype.hasOwnProperty.call(declared, name)) {
      const names = Object.keys(declared)
      const guess = closestName(name, names)
      throw new InputError('unknown-var', `--var ${name}: the scenario has no var named ${name}${guess ? `; did you mean ${guess}?` : ''}`, {
        hint: names.length > 0 ? `its vars are: ${names.join(', ')}` : 'the scenario declares no vars: add them under vars: first',
      })
    }
    setOwn(out, name, coerce(name, text, declared[name]))
  }
  return out
}

function coerce(name: string, text: string, current: unknown): unknown {
  if (typeof current === 'number') {
    const n = Number(text)
    if (text.trim() === '' || !Number.isFinite(n)) throw new InputError('bad-var', `--var ${name}=${text}: ${name} is a number`, { hint: `give a number, e.g. --var ${name}=${current}` })
    return n
  }
  if (typeof current === 'boolean') {
    if (text !== 'true' && text !== 'false') throw new InputError('bad-var', `--var ${name}=${text}: ${name} is true or false`, { hint: `give --var ${name}=true or --var ${name}=false` })
    return text === 'true'
  }
  if (current !== null && typeof current === 'object') {
    let value: unknown
    try {
      value = parseYaml(text)
    } catch (err) {
      throw new InputError('bad-var', `--var ${name}: the value is not valid YAML or JSON (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`, { hint: `${name} is a ${Array.isArray(current) ? 'list, e.g. [a, b]' : 'map, e.g. {k: v}'}` })
    }
    if (Array.isArray(current) !== Array.isArray(value) || value === null || typeof value !== 'object') {
      throw new InputError('bad-var', `--var ${name}: ${name} is a ${Array.isArray(current) ? 'list' : 'map'}`, { hint: `give it as YAML or JSON, e.g. ${Array.isArray(current) ? '[a, b]' : '{k: v}'}` })
    }
    return value
  }
  return text
}

/**
 * Resolves templates inside vars, in declaration order: a var may use earlier vars and the
 * built-ins `builtin` answers (run.id, account.id, env.NAME). Returns new values.
 */
export function resolveVars(vars: Readonly<Record<string, unknown>>, builtin: Lookup): Record<string, unknown> {
  const resolved: Record<string, unknown> = {}
  const lookup: Lookup = (name) => (Object.prototype.hasOwnProperty.call(resolved, name) ? { found: true, value: resolved[name] } : builtin(name))
  for (const [name, value] of Object.entries(vars)) setOwn(resolved, name, interpolate(value, lookup, { path: ['vars', name] }))
  return resolved
}
