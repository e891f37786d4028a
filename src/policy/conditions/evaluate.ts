/**
 * Evaluating one `Condition` entry (operator + key + values) against the request context.
 *
 * - Multiple values for a key are OR-ed; a negated operator is true when no value matches.
 * - Missing key: `...IfExists` is true; `Null` tests presence; `ForAllValues` is true;
 *   `ForAnyValue` is false; other positive operators are false and negated ones true.
 * - A multivalued request key under a plain operator behaves like "any value matches".
 */
import type { RequestContext } from '../context.js'
import type { ConditionMiss } from '../types.js'
import type { FamilyMatcher } from './family.js'
import { parseOperator, type ParsedOperator } from './operators.js'

/** One compiled condition entry. */
export interface CompiledCondition {
  operator: ParsedOperator
  /** Key as written. */
  key: string
  keyLower: string
  /** Values as written (normalised to strings). */
  values: string[]
  matcher?: FamilyMatcher
}

/** Compiles a validated Condition block. Throws on an unknown operator (validation runs first). */
export function compileConditions(block: Record<string, Record<string, string[]>>, variables: boolean): CompiledCondition[] {
  const out: CompiledCondition[] = []
  for (const [opName, entries] of Object.entries(block)) {
    const operator = parseOperator(opName)
    if (!operator) throw new Error(`internal error: unknown condition operator ${opName}`)
    for (const [key, values] of Object.entries(entries)) {
      const matcher = operator.spec.compile?.(values, variables && operator.spec.variables)
      out.push({ operator, key, keyLower: key.toLowerCase(), values, matcher })
    }
  }
  return out
}

function perValue(c: CompiledCondition, v: string, ctx: RequestContext): boolean | undefined {
  return c.matcher!.test(v, ctx.single)
}

/** True when the condition entry holds for the request. */
export function evalCondition(c: CompiledCondition, ctx: RequestContext): boolean {
  const op = c.operator
  const req = ctx.get(c.keyLower, c.key)
  if (op.spec.family === 'Null') {
    const absent = req === undefined
    return c.values.some((v) => (v.toLowerCase() === 'true' ? absent : v.toLowerCase() === 'false' ? !absent : false))
  }
  if (req === undefined) {
    if (op.ifExists) return true
    if (op.set === 'all') return true
    if (op.set === 'any') return false
    return op.spec.negated
  }
  const negated = op.spec.negated
  if (op.set === null) {
    let any = false
    for (const v of req) {
      const t = perValue(c, v, ctx)
      if (t === undefined) return false
      if (t) {
        any = true
        break
      }
    }
    return negated ? !any : any
  }
  const passes = (v: string): boolean | undefined => {
    const t = perValue(c, v, ctx)
    return t === undefined ? undefined : negated ? !t : t
  }
  if (op.set === 'any') {
    for (const v of req) {
      const t = passes(v)
      if (t === undefined) return false
      if (t) return true
    }
    return false
  }
  for (const v of req) {
    const t = passes(v)
    if (t === undefined || !t) return false
  }
  return true
}

const quote = (s: string) => JSON.stringify(s)
const list = (vs: readonly string[]) => (vs.length === 1 ? quote(vs[0]) : `[${vs.map(quote).join(', ')}]`)

/** Why a condition entry did not hold, without values (see `ConditionMiss`). */
export function conditionMissOf(c: CompiledCondition, ctx: RequestContext): ConditionMiss {
  const req = ctx.get(c.keyLower, c.key)
  const head = { operator: c.operator.name, key: c.key }
  if (c.operator.spec.family === 'Null') return { ...head, why: req === undefined ? 'absent' : 'present' }
  if (req === undefined) return { ...head, why: 'absent' }
  return { ...head, why: req.some((v) => perValue(c, v, ctx) === undefined) ? 'unresolved' : 'mismatch' }
}

/** Human explanation of why a condition entry did not hold. */
export function describeConditionMiss(c: CompiledCondition, ctx: RequestContext): string {
  const head = `condition ${c.operator.name} ${c.key}`
  const req = ctx.get(c.keyLower, c.key)
  if (c.operator.spec.family === 'Null') {
    return req === undefined ? `${head}: key is absent but the policy requires it to be present (Null ${list(c.values)})` : `${head}: key is present (${list(req)}) but the policy requires it to be absent`
  }
  if (req === undefined) {
    return c.operator.set === 'any' ? `${head}: request has no value (ForAnyValue on a missing key is false)` : `${head}: request has no value`
  }
  const unresolved = req.some((v) => perValue(c, v, ctx) === undefined)
  if (unresolved) return `${head}: a policy variable in ${list(c.values)} has no value in this request`
  const verb = c.operator.spec.negated ? 'matches' : 'does not match'
  return `${head}: request value ${list(req)} ${verb} ${list(c.values)}`
}
