import { ListInstanceProfilesCommand, ListOpenIDConnectProvidersCommand, ListVirtualMFADevicesCommand } from '@aws-sdk/client-iam'
import { type Clients, EMPTY_INVENTORY, inventoryViaApi } from './reliability/aws.js'

/** What test/unique-names-serve*.test.ts read: the JSON report of a run and what serve still holds. */
export interface Report {
  runs: Array<{ runId: string; scenario: { name: string }; status: string; exitCode: number; names?: Array<{ kind: string; name: string; renamed: string }>; steps: Array<{ id: string; status: string; input?: Record<string, unknown>; outcome?: { kind: string; code?: string } }>; teardown: { status: string; leftovers: number } }>
}

/** Everything a run of the library could leave: users, keys, roles, policies, groups, buckets, objects, and OIDC providers, MFA devices, instance profiles. */
export async function leftovers(root: Clients): Promise<Record<string, unknown>> {
  const oidc = (await root.iam.send(new ListOpenIDConnectProvidersCommand({}))).OpenIDConnectProviderList ?? []
  const mfa = (await root.iam.send(new ListVirtualMFADevicesCommand({}))).VirtualMFADevices ?? []
  const profiles = (await root.iam.send(new ListInstanceProfilesCommand({}))).InstanceProfiles ?? []
  return { ...(await inventoryViaApi(root)), oidc: oidc.map((p) => p.Arn), mfa: mfa.map((d) => d.SerialNumber), profiles: profiles.map((p) => p.InstanceProfileName) }
}
export const EMPTY = { ...EMPTY_INVENTORY, oidc: [], mfa: [], profiles: [] }
