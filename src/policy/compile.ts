/**
 * `compilePolicy`: validate once, build matchers once, cache by document text (strings) or by
 * object identity (documents), per kind and options.
 */
import type { CompiledPolicy, PolicyDocument, PolicyKind, PolicyValidationError } from './types.js'
import { validatePolicy, type CompileOptions, type NormalizedStatement } from './validate.js'
import { compileActions } from './action.js'
import { compileArnPattern } from './arn.js'
import { compilePrincipal } from './principal.js'
import { compileConditions } from './conditions/evaluate.js'
import { CompiledPolicyImpl, type CompiledStatement } from './compiled.js'

export type CompileResult = { ok: true; policy: CompiledPolicy } | { ok: false; error: PolicyValidationError }

const TEXT_CACHE_LIMIT = 10_000
const textCache = new Map<string, CompileResult>()
const objectCache = new WeakMap<object, Map<string, CompileResult>>()

function compileStatement(st: NormalizedStatement, variables: boolean): CompiledStatement {
  const resources = st.resource ?? st.notResource
  const principal = st.principal ?? st.notPrincipal
  return {
    index: st.index,
    sid: st.sid,
    effect: st.effect,
    actions: compileActions(st.action ?? st.notAction ?? []),
    notAction: st.notAction !== undefined,
    resources: resources ? resources.map((r) => compileArnPattern(r, variables)) : null,
    notResource: st.notResource !== undefined,
    principal: principal ? compilePrincipal(principal) : null,
    notPrincipal: st.notPrincipal !== undefined,
    conditions: st.condition ? compileConditions(st.condition, variables) : [],
  }
}

function compileUncached(doc: string | PolicyDocument, kind: PolicyKind, opts: CompileOptions): CompileResult {
  const v = validatePolicy(doc, kind, opts)
  if (!v.ok) return v
  const variables = v.policy.version === '2012-10-17'
  const statements = v.policy.statements.map((s) => compileStatement(s, variables))
  const document = typeof doc === 'string' ? (JSON.parse(doc) as PolicyDocument) : doc
  return { ok: true, policy: new CompiledPolicyImpl(kind, v.policy.version, document, statements, v.policy) }
}

/**
 * Parses, validates (as AWS does for `kind`) and compiles a policy document. Results — including
 * validation errors — are cached: by text for strings, by identity for objects (do not mutate a
 * document after compiling it).
 */
export function compilePolicy(doc: string | PolicyDocument, kind: PolicyKind, opts: CompileOptions = {}): CompileResult {
  const key = `${kind}|${opts.managed ? 'm' : ''}`
  if (typeof doc === 'string') {
    const k = `${key}|${doc}`
    const hit = textCache.get(k)
    if (hit) return hit
    const res = compileUncached(doc, kind, opts)
    if (textCache.size >= TEXT_CACHE_LIMIT) textCache.clear()
    textCache.set(k, res)
    return res
  }
  if (typeof doc !== 'object' || doc === null) return compileUncached(doc, kind, opts)
  let perDoc = objectCache.get(doc)
  if (!perDoc) objectCache.set(doc, (perDoc = new Map()))
  const hit = perDoc.get(key)
  if (hit) return hit
  const res = compileUncached(doc, kind, opts)
  perDoc.set(key, res)
  return res
}
