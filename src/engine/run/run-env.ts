import type { Scenario } from '../../scenario/types.js'
import type { EventSink } from '../events.js'
import type { IdentityBook } from '../targets/identities.js'
import type { Ledger } from '../ledger/ledger.js'
import type { SecretScrubber } from '../redact.js'
import type { RunContext } from './run-context.js'
import type { RunTarget } from '../targets/targets.js'
import type { OpenedAccounts } from '../targets/accounts.js'
import type { ChangeLog } from './waits.js'
import type { Renamer } from '../plan/rename.js'

/** Everything one scenario run's steps share (one object instead of many parameters). */
export interface RunEnv {
  runId: string
  scenario: Scenario
  target: RunTarget
  /** The scenario's named accounts (accounts:), opened on the target. */
  accounts: OpenedAccounts
  ctx: RunContext
  identities: IdentityBook
  ledger: Ledger
  changes: ChangeLog
  scrubber: SecretScrubber
  /** Aborted on the first Ctrl-C / SIGTERM: stop calling, go to teardown. */
  signal?: AbortSignal
  emit: EventSink
  /** Run-scoped names (`--unique-names`): rewrites every rendered input, undo and expectation. */
  names?: Renamer
}
