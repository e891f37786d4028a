import { servedOperationNames } from '../../emulator/served-operations.generated.js'
import type { ServedService } from '../../emulator/served-operations.js'
import type { Scenario } from '../../scenario/types.js'
import type { SourceLocation } from '../../errors.js'

/**
 * Whether the emulator serves the SDK operation behind `iam.createRole`-style action names. From
 * the generated list of served operations (test/coverage.test.ts keeps it equal to the handler
 * tables), so `validate` and `plan` need not load the emulator to warn (issue 19, cold start).
 */
export function isEmulatedAction(actionName: string): boolean {
  const dot = actionName.indexOf('.')
  const service = actionName.slice(0, dot) as ServedService
  const served = Object.hasOwn(servedOperationNames, service) ? servedOperationNames[service] : undefined
  if (!served) return false
  const op = actionName.slice(dot + 1)
  return served.some((s) => s.toLowerCase() === op.toLowerCase())
}

/** A step whose action the emulator does not serve. */
export interface UnservedStep {
  stepId: string
  action: string
  loc: SourceLocation
}

/** The steps of `scenario` (setup and teardown blocks included) the emulator cannot answer. */
export function unservedSteps(scenario: Scenario): UnservedStep[] {
  const out: UnservedStep[] = []
  for (const step of scenario.steps) {
    // iamflow's own actions (iamflow.*) run in the engine, not against a service.
    if (!/^(iam|sts|s3)\./.test(step.action)) continue
    if (!isEmulatedAction(step.action)) out.push({ stepId: step.id, action: step.action, loc: step.loc })
  }
  return out
}

/** The warning printed for one unserved step. */
export function unservedWarning(s: UnservedStep): string {
  return `warning ${s.loc.file}:${s.loc.line}:${s.loc.column}: step '${s.stepId}' calls ${s.action}, which the iamflow emulator does not serve: against the embedded emulator or iamflow serve it fails (see docs/coverage.md); it can only pass with --target aws\n`
}
