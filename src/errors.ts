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
 * The catalogue of iamflow's own error codes (AWS's error codes are data, never these). Stable:
 * scripts and the JSON report may match on them. The README's exit-code table lists every one
 * (a test keeps it in step). Each list is the codes of one exit code.
 */
export const INPUT_ERROR_CODES = [
  // Reading a scenario file
  'file-not-found',
  'file-unreadable',
  'not-a-file',
  'file-too-large',
  'binary-file',
  'not-utf8',
  'no-scenarios',
  // YAML
  'yaml-syntax',
  'duplicate-key',
  'tab-indent',
  'several-documents',
  'alias-limit',
  'alias-bomb',
  'too-deep',
  'unknown-anchor',
  'complex-key',
  'not-a-mapping',
  // Schema and meaning
  'schema',
  'unknown-key',
  'invalid-scenario',
  'invalid-scenarios',
  'empty-scenario',
  'unknown-action',
  'duplicate-step-id',
  'name-taken',
  'reserved-name',
  'unknown-identity',
  'identity-cycle',
  'no-identity',
  'identity-on-error',
  'capture-on-error',
  'output-on-error',
  'undo-and-keep',
  'no-undo',
  'bad-output',
  'bad-output-path',
  'bad-regex',
  // Templates and variables
  'unknown-name',
  'bad-template',
  'unknown-var',
  'bad-var',
  // Environment variables a scenario reads (env:)
  'undeclared-env',
  'credential-env',
  'env-not-set',
  'secret-in-env',
  'secret-in-var',
  // Command line
  'bad-name',
  'bad-parallel',
  'bad-shard',
  'bad-consistency-delay',
  'bad-endpoint',
  'nothing-to-run',
  'file-exists',
  'output-conflict',
  // Targets, runs and cleanup
  'account-required',
  'account-mismatch',
  'bad-run-id',
  'no-such-run',
  'run-in-progress',
  // --account given where it cannot apply (issue 14)
  'account-not-applicable',
  // `iamflow serve` flags (spelled differently from the rest: kept, scripts may match them)
  'SERVE_BAD_ACCOUNT',
  'SERVE_BAD_ACCOUNTS',
  'SERVE_BAD_FAULTS',
  'SERVE_BAD_QUOTA',
  'SERVE_BAD_MAX_BODY',
  'SERVE_BAD_ORIGIN',
  'SERVE_BAD_HOST_NAME',
  'SERVE_BAD_STATE_SYNC',
  // --port / --host that cannot be bound (in use, privileged, not an address of this machine)
  'SERVE_BAD_PORT',
  // serve --tls (issue 14)
  'SERVE_BAD_TLS',
  // An emulator state file (--state) that cannot be used
  'STATE_UNREADABLE',
  'STATE_NOT_A_FILE',
  'STATE_CORRUPT',
  'STATE_VERSION',
  'STATE_UNWRITABLE',
  // Emulator-only scenarios (`requires: emulator`): refused on AWS, or an undeclared emulator-only action
  'emulator-only',
  'undeclared-emulator-only',
  // Authoring: run flags
  'bad-retry-window',
  // Authoring: policy documents from files ({ file: policies/x.json })
  'policy-file-path',
  'policy-file-invalid',
  // Outcome records (run --record / --compare) and differential runs (diff)
  'bad-record',
  'record-conflict',
  'record-dir-unusable',
  'bad-target',
  // export --format sh: a step no AWS CLI command can make
  'not-scriptable',
  // run --watch: reruns need a fresh embedded emulator each time
  'watch-needs-embedded',
  // Several accounts in one scenario (accounts:, account: on steps and identities)
  'unknown-account',
  'account-profile-required',
  'accounts-not-distinct',
  'bad-account-flag',
  // Account snapshots (iamflow snapshot, snapshot:, run --snapshot, serve --import)
  'bad-snapshot',
  'snapshot-conflict',
  // --unique-names / uniqueNames: a created name the run-scoped suffix would make too long
  'unique-name-too-long',
] as const

/** Exit 1: the lab did not hold in a way no step's expectation states (the step fails, the run goes on). */
export const EXPECTATION_ERROR_CODES = [
  // A step acts as an identity whose making step did not succeed.
  'identity-not-made',
  // AWS refused to let a declared identity (identities:) be assumed.
  'identity-refused',
] as const

/** Exit 3: the environment failed (endpoint, credentials, workers). */
export const INFRASTRUCTURE_ERROR_CODES = ['target-unreachable', 'worker-failed', 'runs-dir-unusable', 'STATE_NOT_SAVED', 'record-not-written', 'account-unavailable', 'snapshot-not-written'] as const

/** Codes of errors that exit 2: a scenario that does not load or validate, bad usage. */
export type InputErrorCode = (typeof INPUT_ERROR_CODES)[number]
/** Codes of errors that exit 1 (see EXPECTATION_ERROR_CODES). */
export type ExpectationErrorCode = (typeof EXPECTATION_ERROR_CODES)[number]
/** Codes of errors that exit 3. */
export type InfrastructureErrorCode = (typeof INFRASTRUCTURE_ERROR_CODES)[number]
/** Every code iamflow's own errors carry. */
export type ErrorCode = InputErrorCode | ExpectationErrorCode | InfrastructureErrorCode

const inputCodes: ReadonlySet<string> = new Set(INPUT_ERROR_CODES)

/** Whether `code` is one of the codes that exit 2. */
export function isInputErrorCode(code: string | undefined): code is InputErrorCode {
  return code !== undefined && inputCodes.has(code)
}

/**
 * Base class of every error iamflow reports to a user: a stable `code`, an optional source
 * location, a hint saying what to do, and the exit code it maps to. The CLI prints these
 * without a stack trace (unless --debug).
 */
export class IamflowError extends Error {
  readonly code: ErrorCode
  readonly location?: SourceLocation
  readonly hint?: string
  readonly exitCode: ExitCode
  /** A short code frame (lines of the source around `location`), already formatted. */
  readonly frame?: string

  constructor(
    code: ErrorCode,
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
export class InputError extends IamflowError {
  declare readonly code: InputErrorCode
  constructor(code: InputErrorCode, message: string, opts: { location?: SourceLocation; hint?: string; frame?: string; cause?: unknown } = {}) {
    super(code, message, opts)
  }
}

/**
 * The lab did not hold, found by the runner rather than by a step's expectation (a step acts as
 * an identity that could not be made): the step fails, exit 1.
 */
export class ExpectationError extends IamflowError {
  declare readonly code: ExpectationErrorCode
  constructor(code: ExpectationErrorCode, message: string, opts: { hint?: string; cause?: unknown } = {}) {
    super(code, message, { ...opts, exitCode: ExitCode.expectationFailed })
  }
}

/** The environment failed us (endpoint unreachable, credentials missing, teardown left resources): exit 3. */
export class InfrastructureError extends IamflowError {
  declare readonly code: InfrastructureErrorCode
  constructor(code: InfrastructureErrorCode, message: string, opts: { hint?: string; cause?: unknown } = {}) {
    super(code, message, { ...opts, exitCode: ExitCode.infrastructure })
  }
}
