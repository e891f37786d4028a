import type { ErrorCode } from '../errors.js'
import type { DecisionTrace } from '../aws/errors.js'
import type { ExitCode } from '../errors.js'

/**
 * What flows from the runner to reporters. Reporters see only these (never the runner), and
 * nothing here holds a secret: captures are redacted and credentials are never part of a result.
 */

/** A created name and the run-scoped name a run used instead (`--unique-names`). */
export interface RunName {
  kind: string
  name: string
  renamed: string
}

/** How one step ended. */
export type StepStatus = 'passed' | 'failed' | 'skipped' | 'errored'

/** How one scenario run ended. */
export type RunStatus = 'passed' | 'failed' | 'errored' | 'interrupted'

/** Where a run sends requests (no secrets). */
export interface TargetInfo {
  kind: 'embedded' | 'endpoint' | 'aws'
  region: string
  /** Endpoint URL (endpoint target). */
  endpoint?: string
  /** Account id the operator acts in. */
  account: string
  /** Operator principal ARN (root on the emulator). */
  operatorArn?: string
  /** Embedded emulator state file (`--state`), so `cleanup` can reopen it. */
  statePath?: string
  /** Named profile used on AWS. */
  profile?: string
  /** Embedded emulator consistency delay in ms. */
  consistencyDelayMs?: number
  /** The scenario's named accounts (accounts:): name, id and (AWS) profile; never a key. */
  accounts?: AccountInfo[]
}

/** A named account of a run, as the ledger and reports record it. */
export interface AccountInfo {
  name: string
  id: string
  profile?: string
}

/** What a call answered, as data. */
export type CallSummary =
  | { kind: 'success' }
  | { kind: 'error'; code: string; message: string; status?: number; requestId?: string }
  | { kind: 'infra'; code: string; message: string }

/** One unmet expectation: what was asked for and what happened. */
export interface ExpectationFailure {
  /** `error`, `message`, `because`, `output User.Arn`, `capture roleArn`. */
  what: string
  expected: string
  got: string
}

export interface StepResult {
  id: string
  index: number
  name?: string
  action: string
  /** Acting identity name (`operator` by default). */
  as: string
  /** Acting principal ARN when known. */
  principalArn?: string
  /** The call's input with templates filled in (secret-named members and known secrets redacted; bytes as `<N bytes>`). */
  input?: Record<string, unknown>
  status: StepStatus
  startedAt: string
  durationMs: number
  /** Calls made (1 + propagation retries); 0 when the step never called. */
  attempts: number
  /** Time spent waiting for IAM propagation between attempts. */
  waitedMs: number
  /** Human form of the expectation: `success`, `error AccessDenied (because implicitDeny)`. */
  expected: string
  /** What the (last) call answered. */
  outcome?: CallSummary
  /** Emulator only: the authorization decision behind the outcome. */
  decision?: DecisionTrace
  failures: ExpectationFailure[]
  /** Checks that could not be verified on this target (never counted as passed silently). */
  unverifiable: string[]
  /** Captured values, secrets redacted. */
  captures: Record<string, unknown>
  /** Identity this step's output became. */
  identity?: string
  /** Why the step errored or was skipped (runner-level reason, not an AWS answer). */
  reason?: string
  /** iamflow's own error code when one of its errors stopped the step (`unknown-name`, `identity-not-made`). */
  errorCode?: ErrorCode
  /** What the step observed (outcome, status, because, message, checked output values), for outcome records. */
  observed?: Observation
  /** `run --compare`: how the step compared with its record (differences: recorded vs observed). */
  comparison?: StepComparison
}

/**
 * What one step observed, the unit of an outcome record (`run --record`, `--compare`, `diff`):
 * raw on a step result (secrets scrubbed), normalised by records/normalise.ts before anything is
 * written or compared.
 */
export interface Observation {
  /** `success`, an AWS `error`, or `none` (no AWS answer: skipped, errored, failed before the call). */
  outcome: 'success' | 'error' | 'none'
  /** The AWS error code (`error`). */
  code?: string
  /** HTTP status of the answer when known. */
  status?: number
  /** Why a denial happened, in the `because:` vocabulary, sorted (omitted when it cannot be told). */
  because?: string[]
  /** The error message (`error`). */
  message?: string
  /** The values at the paths `expect.output` checks, sorted by path. */
  output?: OutputObservation[]
}

/** One checked output path: its value, or (for `exists` checks) whether it is there. */
export interface OutputObservation {
  path: string
  /** For `{ exists: ... }` checks: presence only (the value is typically generated). */
  exists?: boolean
  /** For every other check: the value found (absent when nothing is at the path). */
  value?: unknown
}

/** One field that differs between two observations of the same step. */
export interface FieldDiff {
  /** `outcome`, `code`, `status`, `because`, `message`, `output User.Arn`. */
  field: string
  /** What the first side (the record, or target A) observed, as text (`(none)` when absent). */
  a: string
  /** What the second side (this run, or target B) observed. */
  b: string
}

/** How a step compared with its record (`run --compare`). */
export interface StepComparison {
  /** same; differs (the step fails); known (differs, accepted by the record's `known:`); unrecorded (fails). */
  verdict: 'same' | 'differs' | 'known' | 'unrecorded'
  /** Each differing field: `a` = recorded, `b` = observed (normalised). */
  differences: FieldDiff[]
  /** The record's reason for a known difference. */
  known?: string
  /** Where the record is (`records/assume-role.record.yaml`). */
  record: string
}

/** One undo replayed during teardown. */
export interface TeardownItem {
  stepId: string
  action: string
  /** Human identifiers of what it removes, e.g. `RoleName=demo-role`. */
  target: string
  /**
   * done; gone = already absent; superseded = not removed itself, a later undo removes it (a
   * policy's default version goes with the policy); failed; kept = `teardown: false`; skipped =
   * not attempted.
   */
  status: 'done' | 'gone' | 'superseded' | 'failed' | 'kept' | 'skipped'
  attempts: number
  durationMs: number
  error?: { code: string; message: string }
  /** Recovered from an intent whose undo was never recorded (crash mid-call). */
  recovered?: boolean
  /** The named account whose operator undid it (absent: the default account). */
  account?: string
}

export interface TeardownResult {
  /** completed = nothing left; incomplete = some undo failed or was skipped; skipped = `--keep` or second Ctrl-C. */
  status: 'completed' | 'incomplete' | 'skipped'
  items: TeardownItem[]
  /** Undos still pending in the ledger. */
  leftovers: number
  durationMs: number
}

export interface RunResult {
  runId: string
  scenario: { name: string; file: string }
  target: TargetInfo
  status: RunStatus
  startedAt: string
  durationMs: number
  steps: StepResult[]
  teardown: TeardownResult
  exitCode: ExitCode
  /** Runner-level failure (not an expectation), e.g. an unreachable endpoint. */
  error?: string
  /** Where the ledger is. */
  ledger?: string
  /** Run-scoped names (`--unique-names`): each created name and the name the run used. */
  names?: RunName[]
}

export interface SuiteSummary {
  runs: number
  passed: number
  failed: number
  errored: number
  interrupted: number
  /** Files not run (`--bail`, Ctrl-C). */
  skipped: number
  durationMs: number
  exitCode: ExitCode
}

export type RunEvent =
  | { type: 'suite:start'; files: string[]; parallel: number }
  | { type: 'run:start'; runId: string; scenario: { name: string; file: string }; target: TargetInfo; steps: Array<{ id: string; action: string; as: string }>; names?: RunName[] }
  | { type: 'step:start'; runId: string; stepId: string; index: number; action: string; as: string }
  | { type: 'step:wait'; runId: string; stepId: string; attempt: number; elapsedMs: number; windowMs: number; reason: string }
  | { type: 'step:end'; runId: string; result: StepResult }
  | { type: 'teardown:start'; runId: string; pending: number }
  | { type: 'teardown:item'; runId: string; item: TeardownItem }
  | { type: 'teardown:end'; runId: string; result: TeardownResult }
  | { type: 'run:end'; runId: string; result: RunResult }
  | { type: 'notice'; runId?: string; level: 'info' | 'warn'; message: string }
  | { type: 'suite:end'; summary: SuiteSummary; results: RunResult[] }

/** Receives every event; the runner awaits nothing from it. */
export type EventSink = (event: RunEvent) => void
