import type { AccountIamExtras, AccountState } from '../../state/model.js'

/**
 * The account's IAM resources kept with its own fields (instance profiles, password policy,
 * aliases, certificates, SSH keys...). States written before they existed have none: the
 * first use fills in every list, and lists added later are filled in the same way.
 */
export function extrasOf(account: AccountState): AccountIamExtras {
  const extras = (account.iam ??= {} as AccountIamExtras)
  extras.instanceProfiles ??= []
  extras.aliases ??= []
  extras.sshPublicKeys ??= []
  extras.signingCertificates ??= []
  extras.serverCertificates ??= []
  extras.serviceCredentials ??= []
  extras.deletionTasks ??= []
  return extras
}
