import type { SourceLocation } from '../errors.js'
import type { EnvDecl } from './env-vars.js'

/**
 * A loaded, validated scenario. Values under `input`, `expect`, `vars` are kept exactly as
 * written (templates included): interpolation happens per step at plan/run time and produces
 * new values; this object is never mutated.
 */
export interface Scenario {
  /** Absolute or given path of the file. */
  file: string
  name: string
  description?: string
  /**
   * Pin the default account: the AWS account the operator's credentials must belong to on real
   * AWS (the guard), and the account a fresh embedded emulator acts in.
   */
  account?: string
  /**
   * Further accounts by name (`accounts:`), in declaration order; the default account stays
   * implicit. Steps and declared identities act in one with `account: NAME`.
   */
  accounts: AccountDecl[]
  /**
   * `snapshot: FILE`: the account snapshot (absolute path, resolved from the scenario's
   * directory) a fresh embedded emulator starts from. Emulator only.
   */
  snapshot?: string
  /** `requires: emulator`: only the emulator can run it (`--target aws` refuses it). */
  requires?: 'emulator'
  /** `uniqueNames:`: run-scoped names always (true) or never (false, even with `--unique-names`); absent: as the command line says. */
  uniqueNames?: boolean
  vars: Record<string, unknown>
  /** The environment variables it reads (`env:`), in declaration order. */
  env: EnvDecl[]
  /** Declarative identities (role chains), assumed on first use. */
  identities: Record<string, IdentityDecl>
  steps: Step[]
  /** Resolve a path in the YAML document (e.g. ['steps', 2, 'input', 'RoleName']) to its position. */
  locate(path: ReadonlyArray<string | number>, opts?: { key?: boolean }): SourceLocation
  /** A short code frame of the scenario source around `loc` (for errors found at run time). */
  codeFrame?(loc: SourceLocation): string
}

/** `identities: { reader: { assume: "${{ roleArn }}", from: demo, duration: 900 } }` */
export interface IdentityDecl {
  name: string
  /** Role ARN to assume (template); undefined when `impersonate` is given. */
  assume?: unknown
  /** Emulator only: the ARN of an existing role or user to act as (template). */
  impersonate?: unknown
  /** Identity that assumes it (default: operator). */
  from?: string
  /** DurationSeconds. */
  duration?: number
  sessionName?: unknown
  externalId?: unknown
  /** The account whose operator assumes the role when `from` is not given. */
  account?: string
  loc: SourceLocation
}

/** `accounts: { dev: { id: "222222222222", profile: dev-admin } }` */
export interface AccountDecl {
  name: string
  /** The account's id: its guard on AWS, the id an embedded emulator creates it with. */
  id?: string
  /** `--target aws`: the named profile whose credentials act as this account's operator. */
  profile?: string
  loc: SourceLocation
}

/** Most accounts a scenario may declare besides the default one. */
export const MAX_ACCOUNTS = 10

/** The `because:` vocabulary: which policy type decided a denial. */
export type Because = 'implicitDeny' | 'explicitDeny' | 'trustPolicy' | 'permissionsBoundary' | 'sessionPolicy' | 'resourcePolicy'

/** One output check: equality (a plain value), or an operator object. */
export type OutputCheck =
  | { equals: unknown }
  | { exists: boolean }
  | { matches: string }
  | { contains: unknown }

export interface Expectation {
  /** AWS error code; absent = success expected. */
  error?: string
  /** Substring, or `/regex/flags`. */
  message?: string
  because?: Because
  /** Dotted path into the output -> check. */
  output: Record<string, OutputCheck>
}

export interface UndoDecl {
  action: string
  input: Record<string, unknown>
}

export interface RetrySpec {
  /** Propagation window in seconds (0 = no retries for propagation). */
  window?: number
}

export interface Step {
  id: string
  /** Optional human title; the description tells the story. */
  name?: string
  action: string
  /** Input as written (templates unresolved). */
  input: Record<string, unknown>
  /** Identity acting (default `operator`). */
  as: string
  /** The declared account the step acts in (its operator calls and undoes); absent = the default account. */
  account?: string
  /** Name of the identity this step's output becomes. */
  identity?: string
  expect: Expectation
  /** captureName -> dotted output path. */
  capture: Record<string, string>
  undo?: UndoDecl[]
  /** false = keep the resource deliberately. */
  teardown: boolean
  retry?: RetrySpec
  /** Where the step starts in the file. */
  loc: SourceLocation
  /** Index in `steps` (0-based). */
  index: number
}

/** The implicit identity that acts when a step says no `as:`. */
export const OPERATOR = 'operator'
