import type { Scenario } from '../../scenario/types.js'
import type { TargetOptions } from './targets.js'

/**
 * The target options for one scenario: a fresh embedded emulator acts in the scenario's pinned
 * `account:`, so `${{ account.id }}` is the same in `plan` and in the run. Shared targets
 * (`--state`, an endpoint, AWS) have their own account, which `checkAccount` compares.
 */
export function targetForScenario(opts: TargetOptions, scenario: Pick<Scenario, 'account'>): TargetOptions {
  const embedded = opts.target !== 'aws' && !opts.endpointUrl && !process.env.AWS_ENDPOINT_URL && opts.statePath === undefined
  if (!embedded || scenario.account === undefined) return opts
  return { ...opts, emulator: { ...(opts.emulator ?? {}), accountId: scenario.account } }
}
