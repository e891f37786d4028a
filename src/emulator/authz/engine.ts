import { compilePolicy, denialMessage, evaluate, type CompileResult, type MessageOptions, type MessageStyle } from '../../policy/index.js'
import type { AuthorizationRequest, Decision, EvaluationInput, PolicyKind } from '../../policy/types.js'

/**
 * The one place the emulator calls the policy engine (`src/policy`), so a change in its API
 * touches one file. Documents are compiled once per (kind, text) and reused.
 */

export type { CompileResult }

/** Denial wording: Query services (IAM/STS) or S3 (quoted resource ARN). */
export type DenialStyle = MessageStyle

const cache = new Map<string, CompileResult>()
const CACHE_LIMIT = 5000

/** Compile a policy document given as JSON text (AWS's validation error when invalid). */
export function compileText(text: string, kind: PolicyKind): CompileResult {
  const key = `${kind}\u0000${text}`
  const hit = cache.get(key)
  if (hit) return hit
  const result = compilePolicy(text, kind)
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!)
  cache.set(key, result)
  return result
}

/** Decide one request. */
export function evaluatePolicies(input: EvaluationInput): Decision {
  return evaluate(input)
}

/** AWS's AccessDenied message for a denial. */
export function denialText(decision: Decision, request: AuthorizationRequest, style: DenialStyle, opts: MessageOptions = {}): string {
  return denialMessage(decision, request, style, opts)
}
