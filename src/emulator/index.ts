/**
 * The embedded AWS emulator (IAM + STS + S3). See ./types.ts for the contract.
 *
 * - `createEmulator(options)` -> `Emulator` (`handle(Request) -> Response`, accounts, inventory, save)
 * - `createInMemoryHandler(emulator)` -> an SDK v3 `requestHandler` that calls `handle()` in memory
 * - `collectPolicySources(state, account, holder)` -> a principal's identity policies and boundary
 * - `getAwsManagedPolicy(arn)`, `listAwsManagedPolicies()` -> AWS managed policy data
 */
export { createEmulator, directHandler, DEFAULT_ACCOUNT_ID, EXAMPLE_ROOT_KEY, type DirectHandle } from './create-emulator.js'
export type { DirectAnswer, DirectRequest } from './protocols/direct.js'
export { createInMemoryHandler } from './in-memory-handler.js'
export { collectPolicySources, type PolicyHolder, type PrincipalPolicies } from './authz/collect.js'
export { getAwsManagedPolicy, listAwsManagedPolicies, type AwsManagedPolicy } from './managed-policies/index.js'
export { parseFaultSpec } from './knobs/faults.js'
export { ACCOUNT_QUOTA_NAMES, DEFAULT_ACCOUNT_QUOTAS, parseQuotaSpecs } from './services/iam/quotas.js'
export { parseSyncPolicy, formatSyncPolicy } from './state/sync-policy.js'
export { StateFileError, StateSaveError } from './state/state-error.js'
export * from './types.js'
export { servedOperations, type ServedService } from './served-operations.js'
export { readSnapshotFile, parseSnapshotText } from './snapshot/parse.js'
export { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, SNAPSHOT_LIMITS, type AccountSnapshot } from './snapshot/format.js'
