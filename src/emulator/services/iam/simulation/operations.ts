import { authorize } from '../access.js'
import { defineOps } from '../define-ops.js'
import { iamErrors } from '../errors.js'
import { accountOf } from '../store.js'
import { callerPrincipal, simulate } from './simulate.js'
import { holderPrincipal, holderSources, inputSource, resolveHolder } from './sources.js'

/**
 * SimulatePrincipalPolicy and SimulateCustomPolicy, backed by the policy engine's `evaluate`.
 * The caller needs only `iam:Simulate*`; the simulated principal's policies are taken as
 * stored (the consistency delay does not apply to simulation).
 */

export const simulationOperations = defineOps({
  SimulatePrincipalPolicy(ctx, input) {
    authorize(ctx, 'SimulatePrincipalPolicy', input.PolicySourceArn)
    const account = accountOf(ctx)
    const holder = resolveHolder(account, input.PolicySourceArn)
    const stored = holderSources(ctx.state, account, holder)
    const extra = (input.PolicyInputList ?? []).map((text, i) => inputSource(text, `PolicyInputList.${i + 1}`, 'identity'))
    const boundaryInput = input.PermissionsBoundaryPolicyInputList?.[0]
    const boundary =
      boundaryInput !== undefined ? inputSource(boundaryInput, 'PermissionsBoundaryPolicyInputList.1', 'boundary') : stored.boundary
    if (input.ResourcePolicy !== undefined && holder.kind !== 'user' && input.CallerArn === undefined) {
      throw iamErrors.invalidInput('CallerArn must be specified when ResourcePolicy is provided and PolicySourceArn is not a user.')
    }
    const principal = input.CallerArn !== undefined ? callerPrincipal(account, input.CallerArn) : holderPrincipal(account, holder)
    return simulate({ principal, identity: [...stored.identity, ...extra], ...(boundary ? { boundary } : {}) }, input)
  },

  SimulateCustomPolicy(ctx, input) {
    authorize(ctx, 'SimulateCustomPolicy', '*')
    const account = accountOf(ctx)
    if (input.ResourcePolicy !== undefined && input.CallerArn === undefined) {
      throw iamErrors.invalidInput('CallerArn must be specified when ResourcePolicy is provided.')
    }
    const identity = input.PolicyInputList.map((text, i) => inputSource(text, `PolicyInputList.${i + 1}`, 'identity'))
    const boundaryInput = input.PermissionsBoundaryPolicyInputList?.[0]
    const boundary = boundaryInput !== undefined ? inputSource(boundaryInput, 'PermissionsBoundaryPolicyInputList.1', 'boundary') : undefined
    const principal =
      input.CallerArn !== undefined
        ? callerPrincipal(account, input.CallerArn)
        : { type: 'User' as const, arn: `arn:aws:iam::${account.id}:user/iam-simulation`, accountId: account.id, userId: 'AIDASIMULATEDCALLER01' }
    return simulate({ principal, identity, ...(boundary ? { boundary } : {}) }, input)
  },
})
