import type { AwsService, Service } from './define-action.js'
import type { ChangeKind } from './lifecycle.js'
import { sdkOperations } from './sdk-operations.js'

/** The services, in listing order. */
export const services: readonly AwsService[] = ['iam', 'sts', 's3']

/** Shape every action name has: service prefix + operation in lowerCamelCase. */
export const actionNamePattern = /^(iam|sts|s3|iamflow)\.[a-z][A-Za-z0-9]*$/

/** `iam` + `CreateRole` -> `iam.createRole`. */
export function actionName(service: Service, operation: string): string {
  return `${service}.${operation.charAt(0).toLowerCase()}${operation.slice(1)}`
}

interface SdkOperation {
  service: AwsService
  /** PascalCase SDK operation (`CreateRole`); the command class is `${operation}Command`. */
  operation: string
}

let byName: Map<string, SdkOperation> | undefined

function index(): Map<string, SdkOperation> {
  if (byName) return byName
  byName = new Map()
  for (const service of services) {
    for (const operation of sdkOperations[service]) byName.set(actionName(service, operation), { service, operation })
  }
  return byName
}

/** The SDK operation behind an action name, or undefined when no client has it. */
export function sdkOperation(name: string): SdkOperation | undefined {
  return index().get(name)
}

/** Every action name an SDK operation gives (checked or not), sorted. */
export function sdkActionNames(): string[] {
  return [...index().keys()].sort()
}

/**
 * Verbs whose operations create or attach something that a teardown must reverse. `set*`,
 * `update*`, `change*` modify in place and are not listed: there is nothing left behind to delete.
 */
const createVerbs = ['create', 'put', 'attach', 'add', 'tag', 'upload', 'copy', 'associate', 'enable']

/**
 * Whether an operation name reads as creating something (`iam.createRole`, `s3.putBucketVersioning`,
 * `iam.uploadSSHPublicKey`), by its leading verb. The registry prefers an action's own `creates`.
 */
export function looksCreateLike(name: string): boolean {
  const operation = name.slice(name.indexOf('.') + 1)
  const verb = /^[a-z]+/.exec(operation)?.[0] ?? ''
  return createVerbs.includes(verb)
}

const READ_VERBS = /^(iam|sts|s3)\.(get|list|head|describe|simulate|generate)/
const IAM_WRITE_VERBS = /^iam\.(create|update|put|attach|detach|delete|add|remove|set|tag|untag|upload|enable|deactivate|change)/
const RESOURCE_POLICY_WRITES = /^s3\.(putBucketPolicy|deleteBucketPolicy|putPublicAccessBlock|deletePublicAccessBlock)$/

/**
 * Whether an operation name reads as only reading (`get*`, `list*`, `head*`, ...). For
 * pass-through actions only: a checked action says so itself (`readOnly`).
 */
export function looksReadOnly(name: string): boolean {
  return READ_VERBS.test(name)
}

/**
 * What a pass-through call changes, judged by its verb: any IAM write may change permissions;
 * S3 bucket policies and public access blocks change who may do what. Checked actions say so
 * themselves (`changes`): only they know a call changes trust or credentials.
 */
export function changesByVerb(name: string): ChangeKind[] {
  return IAM_WRITE_VERBS.test(name) || RESOURCE_POLICY_WRITES.test(name) ? ['permissions'] : []
}
