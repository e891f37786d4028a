/**
 * The Decision value returned by `evaluate`. Matched statements are collected during evaluation;
 * the costlier parts (why every other statement missed, which context keys were missing, the
 * one-line summary) are computed on first read, so the emulator's hot path does not pay for them.
 * `JSON.stringify(decision)` includes every field.
 */
import type { DecidedBy, Decision, DecisionKind, EvaluationInput, PolicySource, PolicyKind, StatementMiss, StatementRef } from './types.js'
import type { CompiledPolicyImpl } from './compiled.js'
import type { MatchEnv } from './statement.js'
import { explainStatement } from './statement.js'

/** A policy taking part in an evaluation, with the slot it fills. */
export interface Slot {
  source: PolicySource
  kind: PolicyKind
}

/** Every policy of an input, in evaluation order. */
export function slotsOf(input: EvaluationInput): Slot[] {
  const slots: Slot[] = input.identityPolicies.map((source) => ({ source, kind: 'identity' as const }))
  if (input.resourcePolicy) slots.push({ source: input.resourcePolicy, kind: 'resource' })
  if (input.trustPolicy) slots.push({ source: input.trustPolicy, kind: 'trust' })
  if (input.boundary) slots.push({ source: input.boundary, kind: 'boundary' })
  for (const s of input.sessionPolicies ?? []) slots.push({ source: s, kind: 'session' })
  return slots
}

export class DecisionImpl implements Decision {
  #env: MatchEnv
  #input: EvaluationInput
  #summary: string | (() => string)
  #misses: StatementMiss[] | undefined
  #missing: string[] | undefined

  constructor(
    readonly decision: DecisionKind,
    readonly by: DecidedBy,
    readonly matched: StatementRef[],
    input: EvaluationInput,
    env: MatchEnv,
    summary: string | (() => string),
  ) {
    this.#input = input
    this.#env = env
    this.#summary = summary
  }

  /** The request this decision is about. */
  get request(): EvaluationInput['request'] {
    return this.#input.request
  }

  get summary(): string {
    if (typeof this.#summary === 'function') this.#summary = this.#summary()
    return this.#summary
  }

  get misses(): StatementMiss[] {
    if (!this.#misses) {
      const out: StatementMiss[] = []
      for (const { source, kind } of slotsOf(this.#input)) {
        const pol = source.policy as CompiledPolicyImpl
        for (const st of pol.statements) {
          const why = explainStatement(st, this.#env)
          if (!why) continue
          out.push({ policyId: source.id, policyName: source.name, policyKind: kind, index: st.index, sid: st.sid, effect: st.effect, ...why })
        }
      }
      this.#misses = out
    }
    return this.#misses
  }

  get missingContextKeys(): string[] {
    if (!this.#missing) {
      const seen = new Map<string, string>()
      for (const { source } of slotsOf(this.#input)) {
        for (const st of (source.policy as CompiledPolicyImpl).statements) {
          for (const c of st.conditions) {
            if (!seen.has(c.keyLower) && this.#env.ctx.get(c.keyLower) === undefined) seen.set(c.keyLower, c.key)
          }
        }
      }
      this.#missing = [...seen.values()]
    }
    return this.#missing
  }

  toJSON(): Decision {
    return {
      decision: this.decision,
      by: this.by,
      matched: this.matched,
      misses: this.misses,
      missingContextKeys: this.missingContextKeys,
      summary: this.summary,
    }
  }
}
