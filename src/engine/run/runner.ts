import { ExitCode, isInputErrorCode } from '../../errors.js'
import { registryCaller } from '../targets/caller.js'
import { refuseSecretOverrides, runEnvValues, type EnvSource } from '../plan/env-values.js'
import type { EventSink, RunResult, RunStatus, StepResult, TeardownResult } from '../events.js'
import { IdentityBook } from '../targets/identities.js'
import { DEFAULT_RUNS_DIR, Ledger } from '../ledger/ledger.js'
import { ledgerState } from '../ledger/ledger-state.js'
import type { Plan } from '../plan/plan-types.js'
import { recoverIntent } from '../ledger/recovery.js'
import { SecretScrubber } from '../redact.js'
import { RunContext } from './run-context.js'
import type { RunEnv } from './run-env.js'
import { newRunId } from '../ledger/run-id.js'
import { runStep } from './step/step-runner.js'
import type { RunTarget } from '../targets/targets.js'
import { accountCallers, type OpenedAccounts, openAccounts } from '../targets/accounts.js'
import { teardown } from '../ledger/teardown.js'
import { ChangeLog } from './waits.js'
import { namesForRun } from '../plan/unique-names.js'
import type { StepChecker } from '../records/check.js'

export interface RunOptions {
  plan: Plan
  /** Typed `--var` overrides (`parseVarOverrides`); the plan's vars are previews, not values. */
  vars?: Record<string, unknown>
  target: RunTarget
  /** Where run directories go (default `.iamflow/runs`). */
  runsDir?: string
  runId?: string
  /** Skip teardown on purpose (`--keep`); `iamflow cleanup <run-id>` finishes later. */
  keep?: boolean
  /** Stop at the first failed or errored step (teardown still runs). */
  bail?: boolean
  /** First Ctrl-C / SIGTERM: stop the steps, tear down. */
  signal?: AbortSignal
  /** Second Ctrl-C: stop the teardown too. */
  teardownSignal?: AbortSignal
  emit?: EventSink
  /** Teardown attempts per undo and first backoff (tests shorten them). */
  teardownAttempts?: number
  teardownMinTimeoutMs?: number
  /** Where the scenario's declared `env:` variables are read (default: the process environment). */
  env?: EnvSource
  /** `run --compare`: compares each step with the scenario's outcome record (a difference fails the step). */
  compare?: StepChecker
}

/**
 * Run one planned scenario: every step in order, then teardown from the ledger, whatever
 * happened (success, failed expectations, an error in the runner, Ctrl-C), unless `keep`.
 */
export async function runPlan(opts: RunOptions): Promise<RunResult> {
  const { plan } = opts
  // The scenario's named accounts first: on AWS each one's guard is checked (GetCallerIdentity)
  // before any other call, and a refusal leaves no ledger behind.
  const accounts = await openAccounts(opts.target, plan.scenario.accounts, { flags: opts.target.accountFlags, file: plan.scenario.file })
  try {
    return await runWithAccounts(opts, accounts)
  } finally {
    accounts.close()
  }
}

async function runWithAccounts(opts: RunOptions, accounts: OpenedAccounts): Promise<RunResult> {
  const { plan } = opts
  const target: RunTarget = accounts.info.length > 0 ? { ...opts.target, info: { ...opts.target.info, accounts: accounts.info } } : opts.target
  const scrubber = new SecretScrubber()
  // The operators' own secret keys and session tokens: whatever echoes them (an error message, an
  // input a step sends back) shows [redacted], and no `env:` value may carry them.
  for (const secret of await target.factory.operatorSecrets()) scrubber.add(secret)
  for (const secret of await accounts.secrets()) scrubber.add(secret)
  const sink: EventSink = opts.emit ?? (() => {})
  // Every event leaves through the scrubber: whatever a step put in a message, an expected
  // value or a capture, no secret the run has seen reaches a reporter.
  const emit: EventSink = (event) => sink(scrubber.value(event))
  // A plan made for a run (run-scoped names) carries the run id its names derive from.
  const runId = opts.runId ?? plan.uniqueNames?.runId ?? newRunId()
  const names = plan.uniqueNames ? namesForRun(plan.uniqueNames, runId) : undefined
  const scenario = plan.scenario
  const started = performance.now()
  const startedAt = new Date().toISOString()
  const identities = new IdentityBook({ ...target.operator }, scenario.identities)
  for (const account of accounts.byName.values()) identities.addOperator({ ...account.operator })
  refuseSecretOverrides(opts.vars ?? {}, scrubber)
  const accountIds = new Map([...accounts.byName.values()].map((a) => [a.name, a.id] as const))
  const ctx = new RunContext(scenario, opts.vars ?? {}, runId, target.info.account, identities, runEnvValues(scenario, opts.env ?? process.env, scrubber), clockOf(target), accountIds)
  const ledger = Ledger.create(
    opts.runsDir ?? DEFAULT_RUNS_DIR,
    { t: 'run', v: 1, runId, scenario: { name: scenario.name, file: scenario.file }, target: target.info, startedAt, pid: process.pid, ...(names ? { names: [...names.names] } : {}) },
    target.persistent ? 'fsync' : 'deferred',
    scrubber,
  )
  const env: RunEnv = {
    runId,
    scenario,
    target,
    accounts,
    ctx,
    identities,
    ledger,
    changes: new ChangeLog(),
    scrubber,
    signal: opts.signal,
    emit,
    ...(names ? { names } : {}),
  }
  emit({ type: 'run:start', runId, scenario: { name: scenario.name, file: scenario.file }, target: target.info, steps: plan.steps.map((p) => ({ id: p.step.id, action: p.action.name, as: p.as })), ...(names ? { names: [...names.names] } : {}) })
  const steps: StepResult[] = []
  let error: string | undefined
  let stopped: 'bail' | 'interrupted' | undefined
  try {
    for (const planned of plan.steps) {
      if (opts.signal?.aborted) stopped = 'interrupted'
      if (stopped) {
        steps.push(skipped(planned.step.id, planned.step.index, planned.action.name, planned.as, stopped === 'bail' ? 'skipped after an earlier failure (--bail)' : 'interrupted'))
        emit({ type: 'step:end', runId, result: steps[steps.length - 1] })
        continue
      }
      emit({ type: 'step:start', runId, stepId: planned.step.id, index: planned.step.index, action: planned.action.name, as: planned.as })
      const result = await runStep(planned, env)
      opts.compare?.check(result, { runId, account: target.info.account, ...(names ? { names: names.names } : {}) })
      steps.push(result)
      emit({ type: 'step:end', runId, result })
      if (opts.signal?.aborted) stopped = 'interrupted'
      else if (opts.bail && (result.status === 'failed' || result.status === 'errored')) stopped = 'bail'
    }
  } catch (err) {
    error = env.scrubber.text(err instanceof Error ? err.message : String(err))
  }
  const teardownResult = opts.keep ? keptAll(ledger) : await runTeardown(env, opts)
  const status: RunStatus = opts.signal?.aborted
    ? 'interrupted'
    : error !== undefined || steps.some((s) => s.status === 'errored')
      ? 'errored'
      : steps.some((s) => s.status === 'failed')
        ? 'failed'
        : 'passed'
  ledger.append({ t: 'end', status, leftovers: teardownResult.leftovers, at: new Date().toISOString() })
  ledger.close()
  const result: RunResult = {
    runId,
    scenario: { name: scenario.name, file: scenario.file },
    target: target.info,
    status,
    startedAt,
    durationMs: Math.round(performance.now() - started),
    steps,
    teardown: teardownResult,
    exitCode: exitCodeOf(status, teardownResult, steps.some((s) => s.status === 'errored' && isInputErrorCode(s.errorCode))),
    ...(error !== undefined ? { error } : {}),
    ledger: ledger.path,
    ...(names ? { names: [...names.names] } : {}),
  }
  emit({ type: 'run:end', runId, result })
  return result
}

async function runTeardown(env: RunEnv, opts: RunOptions): Promise<TeardownResult> {
  const call = registryCaller(() => env.target.factory.clientsFor(env.target.operator.handle), opts.teardownSignal)
  const callIn = accountCallers(env.accounts, env.target, opts.teardownSignal)
  const result = await teardown({
    ledger: env.ledger,
    records: env.ledger.records,
    call,
    callIn: callIn.call,
    recover: (intent) => recoverIntent(intent, intent.account === undefined ? { call, accountId: env.target.info.account } : { call: callIn.call(intent.account), accountId: callIn.id(intent.account) }),
    signal: opts.teardownSignal,
    attempts: opts.teardownAttempts,
    minTimeoutMs: opts.teardownMinTimeoutMs,
    onStart: (pending) => env.emit({ type: 'teardown:start', runId: env.runId, pending }),
    onItem: (item) => env.emit({ type: 'teardown:item', runId: env.runId, item: { ...item, ...(item.error ? { error: { code: item.error.code, message: env.scrubber.text(item.error.message) } } : {}) } }),
  })
  env.emit({ type: 'teardown:end', runId: env.runId, result })
  return result
}

/** `--keep`: nothing replayed; leftovers = what `iamflow cleanup` would remove. */
function keptAll(ledger: Ledger): TeardownResult {
  const state = ledgerState(ledger.records)
  return { status: 'skipped', items: [], leftovers: state.pending.length + state.open.length, durationMs: 0 }
}

/**
 * 130 interrupted, 3 runner/infrastructure error or leftovers, 2 a step stopped by invalid input
 * only found at run time (`${{ env.NAME }}` unset), 1 failed expectation, 0 all held.
 */
export function exitCodeOf(status: RunStatus, teardown: TeardownResult, invalidInput = false): ExitCode {
  switch (status) {
    case 'interrupted':
      return ExitCode.interrupted
    case 'errored':
      return invalidInput && teardown.status !== 'incomplete' ? ExitCode.invalidInput : ExitCode.infrastructure
    case 'failed':
      return teardown.status === 'incomplete' ? ExitCode.infrastructure : ExitCode.expectationFailed
    case 'passed':
      return teardown.status === 'incomplete' ? ExitCode.infrastructure : ExitCode.ok
    default: {
      const unreachable: never = status
      return unreachable
    }
  }
}

function skipped(id: string, index: number, action: string, as: string, reason: string): StepResult {
  return { id, index, action, as, status: 'skipped', startedAt: new Date().toISOString(), durationMs: 0, attempts: 0, waitedMs: 0, expected: '', failures: [], unverifiable: [], captures: {}, reason }
}

/** The clock `totp()` templates use: the embedded emulator's (tests control it), else the system's. */
function clockOf(target: RunTarget): () => number {
  const emulator = target.emulator
  return emulator ? () => emulator.clock.now() : Date.now
}
