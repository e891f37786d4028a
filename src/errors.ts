/** Where in a source file something is (1-based line and column). */
export interface SourceLocation {
  file: string
  line: number
  column: number
}

/** Exit codes, documented in the README. */
export const ExitCode = {
  ok: 0,
  expectationFailed: 1,
  invalidInput: 2,
  infrastructure: 3,
  interrupted: 130,
} as const
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]

/**
 * Base class of every error iamflow reports to a user: a stable `code`, an optional source
 * location, a hint saying what to do, and the exit code it maps to. The CLI prints these
 * without a stack trace (unless --debug).
 */
export class IamflowError extends Error {
  readonly code: string
  readonly location?: SourceLocation
  readonly hint?: string
  readonly exitCode: ExitCode
  /** A short code frame (lines of the source around `location`), already formatted. */
  readonly frame?: string

  constructor(
    code: string,
    message: string,
    opts: { location?: SourceLocation; hint?: string; exitCode?: ExitCode; frame?: string; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause })
    this.name = new.target.name
    this.code = code
    this.location = opts.location
    this.hint = opts.hint
    this.frame = opts.frame
    this.exitCode = opts.exitCode ?? ExitCode.invalidInput
  }
}

/** Bad scenario or bad usage: exit 2. */
export class InputError extends IamflowError {}

/** The environment failed us (endpoint unreachable, credentials missing, teardown left resources): exit 3. */
export class InfrastructureError extends IamflowError {
  constructor(code: string, message: string, opts: { hint?: string; cause?: unknown } = {}) {
    super(code, message, { ...opts, exitCode: ExitCode.infrastructure })
  }
}
