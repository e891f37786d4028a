import type { IAMClient } from '@aws-sdk/client-iam'
import type { S3Client } from '@aws-sdk/client-s3'
import type { STSClient } from '@aws-sdk/client-sts'
import type { CreatedName } from './name-members.js'
import type { CallSpec, ChangeKind, Dependents, Recovery, TagSweep } from './lifecycle.js'
import type { OperationInput, OperationName, OperationOutput } from './sdk-types.js'

/**
 * The services iamflow's actions call: AWS's, and `iamflow`, the emulator's own operations
 * (actions that only an emulator target can run: `emulatorOnly`).
 */
export type Service = AwsService | 'iamflow'

/** The AWS services with an SDK client. */
export type AwsService = 'iam' | 'sts' | 's3'

/** A JSON Schema fragment (draft 2020-12 subset understood by ajv). */
export type JsonSchema = Record<string, unknown>

/**
 * Make one AWS call as the acting identity: `operation` of `service` with the SDK's input,
 * resolving to the SDK's output or rejecting with the SDK's error. The one seam every action
 * calls through: the SDK sends it on AWS and to endpoints; the embedded emulator answers IAM,
 * STS and S3 in process (src/aws/direct.ts), with the very objects the SDK would have produced.
 */
export type AwsCall = <S extends AwsService, Op extends OperationName<S>>(
  service: S,
  operation: Op,
  input: OperationInput<S, Op>,
  signal?: AbortSignal,
) => Promise<OperationOutput<S, Op>>

/**
 * An SDK client as actions and helpers use it: `send(command, options)`. The client itself (and
 * its SDK package) is made on the first `send`, so a run that never sends through the SDK never
 * loads it.
 */
export type SdkClient<C> = Pick<C, Extract<keyof C, 'send'>>

/** The clients an action receives, already built for the acting identity (see src/aws/clients.ts). */
export interface AwsClients {
  /** The call seam of actions (see AwsCall); prefer it to the SDK clients below. */
  call: AwsCall
  iam: SdkClient<IAMClient>
  sts: SdkClient<STSClient>
  s3: SdkClient<S3Client>
  /** iamflow's own operations on the emulator (embedded or `iamflow serve`); absent on AWS. */
  iamflow?: IamflowClient
}

/**
 * iamflow's own operations on the emulator (`IamflowIssueOidcToken`), which no SDK knows:
 * src/aws/emulator-call.ts signs and sends them through the STS client's transport.
 */
export interface IamflowClient {
  /** Send `action` with flat string parameters; resolves to the Result's flat members. */
  call(action: string, params: Record<string, string>, signal?: AbortSignal): Promise<Record<string, string>>
}

/** What an action's `run` receives besides its input. */
export interface ActionContext {
  clients: AwsClients
  /** Aborted on Ctrl-C; pass to SDK `send(cmd, { abortSignal })`. */
  signal?: AbortSignal
}

/** A call that reverses a step, recorded in the ledger with real identifiers. */
export type UndoSpec = CallSpec

/** Credentials an action's output turns into (an identity); opaque inside the engine. */
export interface IdentityCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
  expiration?: Date
  /** The principal ARN if the output tells it (assumed-role ARN); otherwise resolved later. */
  arn?: string
}

/**
 * One action of the registry: do and undo side by side, and everything else iamflow knows
 * about the operation (what it changes, what blocks its undo, how to recover what an
 * interrupted call created, whether the run's tags go on it). The engine reads all of it from
 * here; `registry.test.ts` walks the registry and fails on a create-like action missing any.
 * `I` is the (interpolated) input, `O` the SDK output.
 */
export interface ActionDefinition<I = any, O = any> {
  /** `iam.createRole` — service prefix + SDK operation in lowerCamelCase. */
  name: string
  service: Service
  /** One line shown by `iamflow actions` and in the schema. */
  description: string
  /** JSON Schema of the input; feeds the scenario schema. */
  input: JsonSchema
  /** JSON Schema of the output, used to check capture paths before anything runs. */
  output?: JsonSchema
  /** Performs the call. */
  run(ctx: ActionContext, input: I): Promise<O>
  /**
   * The call(s) that reverse it, from the real input and output; undefined = nothing to undo.
   * A list is replayed in the order given (steps themselves are undone last first).
   */
  undo?(input: I, output: O): UndoSpec | UndoSpec[] | undefined
  /** How the output becomes credentials (createAccessKey, assumeRole, getSessionToken). */
  identity?(output: O, input: I): IdentityCredentials
  /** True for calls that create something (a create-like call without undo is refused). */
  creates?: boolean
  /**
   * For create-like actions that name what they create in a shared namespace (a user, a role, a
   * bucket, ...): the member holding the name and its kind. `--unique-names` gives such names a
   * run-scoped suffix (engine/plan/unique-names.ts).
   */
  createsName?: CreatedName
  /** False for the generic pass-through actions (any SDK operation, input unchecked). */
  checked: boolean
  /**
   * Names of the actions `undo` may return, known without running anything (for `plan` and
   * `iamflow actions`). Present exactly when `undo` is; the registry tests hold the two together.
   */
  undoActions?: readonly string[]
  /** The SDK command class this action sends (`CreateRoleCommand`), for listings and tests. */
  command?: string
  /** True when the call changes nothing (safe to call again while waiting for propagation). */
  readOnly?: boolean
  /**
   * What a successful call changes that takes time to propagate (engine/run/waits.ts); `[]` for a
   * write whose effect is immediate (`s3.putObject`). Present exactly when `readOnly` is not.
   */
  changes?: readonly ChangeKind[]
  /** For actions with an undo: how to find what an interrupted call created (engine/ledger/recovery.ts). */
  recover?: Recovery
  /** For create-like actions: what blocks the undo and how to remove it, or `none` (engine/ledger/teardown-deps.ts). */
  dependents?: Dependents | 'none'
  /**
   * For create-like actions: whether a run on AWS adds its `iamflow:run-id` and
   * `iamflow:scenario` tags to the input (`Tags`) so `cleanup --by-tag` can find the resource.
   */
  taggable?: boolean
  /**
   * True for iamflow's own actions that exist only on the emulator (`iamflow.issueOidcToken`):
   * a scenario using one must say `requires: emulator`, and `--target aws` refuses it.
   */
  emulatorOnly?: boolean
  /** For taggable actions: how `cleanup --by-tag` lists, checks and removes such resources (engine/ledger/tag-sweep.ts). */
  sweep?: TagSweep
}

/** Typed helper: one action is one value. */
export function defineAction<I = any, O = any>(def: Omit<ActionDefinition<I, O>, 'checked'> & { checked?: boolean }): ActionDefinition<I, O> {
  return { checked: true, ...def }
}
