/** Turns a case into an evaluation input and runs it. */
import { compilePolicy } from '../compile.js'
import { evaluate } from '../evaluate.js'
import type { AuthorizationRequest, Decision, EvaluationInput, PolicyDocument, PolicyKind, PolicySource } from '../types.js'
import { P } from './fixtures.js'
import type { CaseDoc, EvalCase } from './types.js'

const ORIGIN: Record<PolicyKind, PolicySource['origin']> = {
  identity: 'user',
  resource: 'resource',
  trust: 'resource',
  boundary: 'boundary',
  session: 'session',
}

/** Compiles a case document for a slot; throws with AWS's message when it does not validate. */
export function source(doc: CaseDoc, kind: PolicyKind, i = 0): PolicySource {
  const named = 'document' in doc && typeof doc.document === 'object' ? (doc as { name: string; id?: string; document: PolicyDocument }) : undefined
  const document = named ? named.document : (doc as PolicyDocument)
  const r = compilePolicy(document, kind)
  if (!r.ok) throw new Error(`${kind} policy does not validate: ${r.error.code} ${r.error.message}`)
  const name = named?.name ?? `${kind}-${i}`
  return { id: named?.id ?? name, name, origin: ORIGIN[kind], policy: r.policy }
}

/** The request of a case, with its principal resolved. */
export function requestOf(c: EvalCase): AuthorizationRequest {
  const principal = typeof c.request.principal === 'string' ? P[c.request.principal] : c.request.principal
  return { ...c.request, principal }
}

/** Runs one case. */
export function runCase(c: EvalCase): { decision: Decision; input: EvaluationInput } {
  const p = c.policies
  const input: EvaluationInput = {
    request: requestOf(c),
    identityPolicies: (p.identity ?? []).map((d, i) => source(d, 'identity', i)),
    resourcePolicy: p.resource ? source(p.resource, 'resource') : undefined,
    trustPolicy: p.trust ? source(p.trust, 'trust') : undefined,
    boundary: p.boundary ? source(p.boundary, 'boundary') : undefined,
    sessionPolicies: p.session?.map((d, i) => source(d, 'session', i)),
  }
  return { decision: evaluate(input), input }
}
