import type { ActionDefinition } from '../../actions/define-action.js'
import type { Expectation, Scenario, Step } from '../../scenario/types.js'
import type { NameKind } from '../../actions/name-members.js'
import type { RenamedName } from './rename.js'

/**
 * The dry-run plan: what a run would do, in order, computed without any call.
 * The runner consumes a Plan (data flows YAML -> Scenario -> Plan -> Runner).
 */
export interface Plan {
  scenario: Scenario
  /** vars after `--var k=v` overrides. */
  vars: Record<string, unknown>
  /** The environment variables the scenario reads (`env:`): names, defaults and whether each is set; never a value from the environment. */
  env: PlannedEnv[]
  steps: PlannedStep[]
  /**
   * Teardown order a full run would use: step ids whose recorded undo would be replayed,
   * last created first (with the undo action names).
   */
  teardown: Array<{ stepId: string; actions: string[]; account?: string }>
  /** Run-scoped names (`--unique-names`, `uniqueNames: true`): the created names and what a run calls them; inputs, expectations and undos above already use them. */
  uniqueNames?: UniqueNames
}

export interface PlannedStep {
  step: Step
  action: ActionDefinition
  /** Input with everything known statically substituted; runtime values shown as `<roleArn from step create-role>`. */
  previewInput: unknown
  /** Acting identity name (`operator` by default). */
  as: string
  /** The account the step acts in and whose operator undoes it: a declared name, or `default`. */
  account: string
  /** Names of undo actions that will be recorded ([] when nothing to undo or `teardown: false`). */
  undoActions: string[]
  /** `teardown: false` on the step. */
  kept: boolean
  /** Generic pass-through action (input unchecked). */
  unchecked: boolean
  /**
   * The undo calls a run would record, with inputs previewed like `previewInput` (output values
   * shown as `<AccessKey.AccessKeyId from step user-key>`); absent when only known at run time.
   */
  undoPreview?: Array<{ action: string; input: unknown }>
  /** The expectation with templates previewed. */
  expectPreview?: Expectation
  /** Declared identities (`identities:`) this step assumes first, in order (chains start first). */
  assumes?: PlannedAssume[]
}

/** A declared identity assumed on first use, as the plan shows it. */
export interface PlannedAssume {
  identity: string
  /** The identity that calls AssumeRole. */
  from: string
  /** The role's ARN (for an impersonation, the principal's). */
  roleArn: unknown
  /** Emulator only: the identity impersonates `roleArn` (a role or user) instead of assuming it. */
  impersonate?: true
  duration?: unknown
  sessionName?: unknown
  externalId?: unknown
}

/** A declared environment variable, as the plan shows it. */
export interface PlannedEnv {
  name: string
  description?: string
  /** The scenario's own default (written in the file, so not secret). */
  default?: string
  /** Whether the variable is set where the plan was made (its value is never shown). */
  set: boolean
}

/** A created name the run renames, with the step that creates it. */
export interface PlannedName extends RenamedName {
  stepId: string
}

/** A create step's name that the plan cannot rename. */
export interface UnrenamedName {
  stepId: string
  kind: NameKind
  /** The name as the plan shows it (`demo-<run.id>`, `<env.LAB_USER>`). */
  shown: string
  /** `run-scoped`: built from `${{ run.id }}` already; `run-time`: only a run knows it (a capture, `env.NAME`), so it is not renamed. */
  why: 'run-scoped' | 'run-time'
}

/** Run-scoped names (`--unique-names`, `uniqueNames: true`), decided by the plan. */
export interface UniqueNames {
  /** The run id the suffix derives from, when the plan was made for a run (the runner then uses it). */
  runId?: string
  /** 6 base-36 characters (see unique-names.ts), or `<suffix>` for a plan made without a run id. */
  suffix: string
  /** Every created name and its run-scoped name, in step order. */
  names: PlannedName[]
  unrenamed: UnrenamedName[]
}
