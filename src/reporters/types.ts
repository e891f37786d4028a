import type { RunEvent } from '../engine/events.js'

type EventOf<T extends RunEvent['type']> = Extract<RunEvent, { type: T }>

/**
 * A reporter sees only events, through optional hooks (it never reaches into the runner).
 * Hooks must not throw; `close` flushes whatever the reporter buffers (JSON, JUnit).
 */
export interface Reporter {
  onSuiteStart?(e: EventOf<'suite:start'>): void
  onRunStart?(e: EventOf<'run:start'>): void
  onStepStart?(e: EventOf<'step:start'>): void
  onStepWait?(e: EventOf<'step:wait'>): void
  onStepEnd?(e: EventOf<'step:end'>): void
  onTeardownStart?(e: EventOf<'teardown:start'>): void
  onTeardownItem?(e: EventOf<'teardown:item'>): void
  onTeardownEnd?(e: EventOf<'teardown:end'>): void
  onRunEnd?(e: EventOf<'run:end'>): void
  onNotice?(e: EventOf<'notice'>): void
  onSuiteEnd?(e: EventOf<'suite:end'>): void
  close?(): Promise<void>
}

/** Where a reporter writes: stdout or a file stream. */
export interface ReporterOutput {
  write(text: string): void
  /** A terminal: live lines and (unless NO_COLOR) colour are allowed. */
  isTTY: boolean
}

/** Names accepted by `--reporter`. */
export const REPORTER_NAMES = ['console', 'json', 'junit', 'html'] as const
export type ReporterName = (typeof REPORTER_NAMES)[number]
