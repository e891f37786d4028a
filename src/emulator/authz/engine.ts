import * as policyEngine from '../../policy/index.js'
import type {
  AuthorizationRequest,
  CompiledPolicy,
  Decision,
  EvaluationInput,
  PolicyDocument,
  PolicyKind,
  PolicyValidationError,
} from '../../policy/types.js'

/**
 * The one place the emulator calls the policy engine (`src/policy`), so a change in its API
 * touches one file. Documents are compiled once per (kind, text) and reused.
 */

export type CompileResult = { ok: true; policy: CompiledPolicy } | { ok: false; error: PolicyValidationError }

/** Denial wording: Query services (IAM/STS) or S3 (quoted resource ARN). */
export type DenialStyle = 'query' | 's3'

interface EngineApi {
  compilePolicy(doc: PolicyDocument, kind: PolicyKind): CompileResult
  evaluate(input: EvaluationInput): Decision
  denialMessage(decision: Decision, request: AuthorizationRequest, style?: DenialStyle): string
}

function api(): EngineApi {
  const e = policyEngine as unknown as Partial<EngineApi>
  if (!e.compilePolicy || !e.evaluate || !e.denialMessage) {
    throw new Error('policy engine (src/policy) does not export compilePolicy/evaluate/denialMessage yet')
  }
  return e as EngineApi
}

const cache = new Map<string, CompileResult>()
const CACHE_LIMIT = 5000

/** Compile a policy document given as JSON text (AWS's validation error when invalid). */
export function compileText(text: string, kind: PolicyKind): CompileResult {
  const key = `${kind}\u0000${text}`
  const hit = cache.get(key)
  if (hit) return hit
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch {
    return { ok: false, error: { code: kind === 'resource' ? 'MalformedPolicy' : 'MalformedPolicyDocument', message: 'Syntax errors in policy.' } }
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return { ok: false, error: { code: 'MalformedPolicyDocument', message: 'Syntax errors in policy.' } }
  }
  const result = api().compilePolicy(doc as PolicyDocument, kind)
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!)
  cache.set(key, result)
  return result
}

/** Decide one request. */
export function evaluatePolicies(input: EvaluationInput): Decision {
  return api().evaluate(input)
}

/** AWS's AccessDenied message for a denial. */
export function denialText(decision: Decision, request: AuthorizationRequest, style: DenialStyle): string {
  return api().denialMessage(decision, request, style)
}
