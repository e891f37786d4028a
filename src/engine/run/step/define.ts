import type { ActionDefinition } from '../../../actions/define-action.js'
import type { Step } from '../../../scenario/types.js'
import { setOwn } from '../../../safe-object.js'
import type { StepResult } from '../../events.js'
import { REDACTED } from '../../redact.js'
import { getPath, isSecretPath, plain } from '../captures.js'
import type { RunEnv } from '../run-env.js'

/**
 * Stage "define", captures: each `capture:` path of a successful output becomes a run value
 * (a missing path is a failure of the step). The result shows them scrubbed.
 */
export function captureAll(step: Step, output: unknown, env: RunEnv, result: StepResult): void {
  for (const [name, path] of Object.entries(step.capture)) {
    const got = getPath(output, path)
    if (!got.found) {
      result.failures.push({ what: `capture ${name}`, expected: `the output to have ${path}`, got: 'nothing at that path' })
      continue
    }
    env.ctx.capture(name, got.value)
    // Capture names are the scenario's (`__proto__` is a valid one): an own property, never the prototype.
    setOwn(result.captures, name, isSecretPath(path) ? REDACTED : env.scrubber.value(plain(got.value)))
  }
}

/**
 * Stage "define", identity: a step with `identity:` turns the credentials its output carries
 * into a named identity later steps can act as; its secrets join the scrubber.
 */
export function defineIdentity(step: Step, action: ActionDefinition, input: Record<string, unknown>, output: unknown, env: RunEnv, result: StepResult): void {
  if (!step.identity) return
  // The scenario's checks refuse `identity:` on an action that gives no credentials: reaching here is a bug.
  if (!action.identity) throw new Error(`internal error: ${action.name} gives no credentials, so it cannot make identity ${step.identity}`)
  const creds = action.identity(output, input)
  const made = env.identities.define(step.identity, creds, step.id)
  for (const s of env.identities.secrets()) env.scrubber.add(s)
  result.identity = made.name
}
