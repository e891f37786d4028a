import { authorize } from './access.js'
import { extrasOf } from './account-extras.js'
import { defineOps } from './define-ops.js'
import { accountOf } from './store.js'

/**
 * SetSecurityTokenServicePreferences (IAM API Reference): which session tokens the global STS
 * endpoint issues, `v1Token` (valid only in Regions enabled by default, AWS's default) or
 * `v2Token` (valid in all Regions). GetAccountSummary reports it as GlobalEndpointTokenVersion
 * (1 or 2). The Service Authorization Reference lists no resource type: the resource is `*`.
 */

/** GetAccountSummary's GlobalEndpointTokenVersion for the account. */
export function globalEndpointTokenVersion(extras: { globalEndpointTokenVersion?: 'v1Token' | 'v2Token' } | undefined): number {
  return extras?.globalEndpointTokenVersion === 'v2Token' ? 2 : 1
}

export const tokenPreferenceOperations = defineOps({
  SetSecurityTokenServicePreferences(ctx, input) {
    authorize(ctx, 'SetSecurityTokenServicePreferences', '*')
    extrasOf(accountOf(ctx)).globalEndpointTokenVersion = input.GlobalEndpointTokenVersion
    return undefined
  },
})
