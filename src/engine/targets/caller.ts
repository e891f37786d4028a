import type { ActionContext, ActionDefinition, AwsClients } from '../../actions/define-action.js'
import { decisionOfOutput } from '../../aws/clients.js'
import { resolveAction } from '../../actions/registry.js'
import { type DecisionTrace, type ErrorOutcome, type InfraOutcome, toOutcome } from '../../aws/errors.js'

/** What a call answered (infrastructure failures never reach expectations). */
export type Answer = { kind: 'success'; output: unknown; decision?: DecisionTrace } | ErrorOutcome

/** The result of one call: the output, or the error as data. */
export type CallResult = { ok: true; output: unknown } | { ok: false; outcome: ErrorOutcome | InfraOutcome }

/** Calls registry actions by name (teardown, recovery and dependency clean-up use it). */
export type ActionCaller = (action: string, input: Record<string, unknown>) => Promise<CallResult>

/** A caller that runs registry actions with `clients` (the operator's, for teardown). */
export function registryCaller(clients: () => AwsClients, signal?: AbortSignal): ActionCaller {
  return async (name, input) => {
    const action = resolveAction(name)
    if (!action) return { ok: false, outcome: { kind: 'infra', code: 'UnknownAction', message: `no action ${name} in the registry`, aborted: false } }
    try {
      return { ok: true, output: await action.run({ clients: clients(), signal }, input) }
    } catch (err) {
      return { ok: false, outcome: toOutcome(err) }
    }
  }
}

/** A failed call as an exception, keeping the outcome (for helpers that need the output or nothing). */
export class CallError extends Error {
  constructor(readonly outcome: ErrorOutcome | InfraOutcome, what: string) {
    super(`${what}: ${outcome.code}: ${outcome.message}`)
    this.name = 'CallError'
  }
}

/** The output of a successful call; throws `CallError` otherwise. */
export function unwrap(result: CallResult, what: string): unknown {
  if (result.ok) return result.output
  throw new CallError(result.outcome, what)
}

/** A call that got no AWS answer (network, abort): the step errors and its intent stays open. */
export class InfraFailure extends Error {
  constructor(readonly outcome: InfraOutcome) {
    super(`${outcome.code}: ${outcome.message}`)
    this.name = 'InfraFailure'
  }
}

/**
 * Run a step's call: the output with the emulator's decision, or AWS's error as data. Anything
 * that is not an AWS answer (network, abort) throws `InfraFailure`.
 */
export async function answerOf(action: ActionDefinition, ctx: ActionContext, input: Record<string, unknown>): Promise<Answer> {
  try {
    const output = await action.run(ctx, input)
    const decision = decisionOfOutput(output)
    return { kind: 'success', output, ...(decision ? { decision } : {}) }
  } catch (err) {
    const outcome = toOutcome(err)
    if (outcome.kind === 'infra') throw new InfraFailure(outcome)
    return outcome
  }
}
