import type { Scenario } from '../../scenario/types.js'
import type { TargetOptions } from './targets.js'

/**
 * The target options for one scenario: a fresh embedded emulator acts in the scenario's pinned
 * `account:`, so `${{ account.id }}` is the same in `plan` and in the run. Shared targets
 * (`--state`, an endpoint, AWS) have their own account, which `checkAccount` compares. A
 * scenario's `snapshot:` seeds its fresh emulator the same way.
 */
export function targetForScenario(opts: TargetOptions, scenario: Pick<Scenario, 'account' | 'snapshot'>): TargetOptions {
  const embedded = opts.target !== 'aws' && !opts.endpointUrl && !process.env.AWS_ENDPOINT_URL && opts.statePath === undefined
  if (!embedded) return opts
  let out = opts
  if (scenario.account !== undefined) out = { ...out, emulator: { ...(out.emulator ?? {}), accountId: scenario.account } }
  // Its own snapshot seeds its fresh emulator (run --snapshot, already in the options, wins).
  if (scenario.snapshot !== undefined && out.snapshotPath === undefined) out = { ...out, snapshotPath: scenario.snapshot }
  return out
}
