import type { ActionDefinition } from '../define-action.js'
import { addRoleToInstanceProfile } from './add-role-to-instance-profile.js'
import { addUserToGroup } from './add-user-to-group.js'
import { attachGroupPolicy } from './attach-group-policy.js'
import { attachRolePolicy } from './attach-role-policy.js'
import { attachUserPolicy } from './attach-user-policy.js'
import { createAccessKey } from './create-access-key.js'
import { createGroup } from './create-group.js'
import { createInstanceProfile } from './create-instance-profile.js'
import { createLoginProfile } from './create-login-profile.js'
import { createOpenIDConnectProvider } from './create-open-id-connect-provider.js'
import { createSAMLProvider } from './create-saml-provider.js'
import { createPolicy } from './create-policy.js'
import { createPolicyVersion } from './create-policy-version.js'
import { createRole } from './create-role.js'
import { createUser } from './create-user.js'
import { deleteAccessKey } from './delete-access-key.js'
import { deleteGroup } from './delete-group.js'
import { deleteGroupPolicy } from './delete-group-policy.js'
import { deleteInstanceProfile } from './delete-instance-profile.js'
import { deleteLoginProfile } from './delete-login-profile.js'
import { deleteOpenIDConnectProvider } from './delete-open-id-connect-provider.js'
import { deleteSAMLProvider } from './delete-saml-provider.js'
import { deletePolicy } from './delete-policy.js'
import { deletePolicyVersion } from './delete-policy-version.js'
import { deleteRole } from './delete-role.js'
import { deleteRolePermissionsBoundary } from './delete-role-permissions-boundary.js'
import { deleteRolePolicy } from './delete-role-policy.js'
import { deleteUser } from './delete-user.js'
import { deleteUserPermissionsBoundary } from './delete-user-permissions-boundary.js'
import { deleteUserPolicy } from './delete-user-policy.js'
import { detachGroupPolicy } from './detach-group-policy.js'
import { detachRolePolicy } from './detach-role-policy.js'
import { detachUserPolicy } from './detach-user-policy.js'
import { getAccessKeyLastUsed } from './get-access-key-last-used.js'
import { getAccountSummary } from './get-account-summary.js'
import { getGroup } from './get-group.js'
import { getGroupPolicy } from './get-group-policy.js'
import { getPolicy } from './get-policy.js'
import { getPolicyVersion } from './get-policy-version.js'
import { getRole } from './get-role.js'
import { getRolePolicy } from './get-role-policy.js'
import { getUser } from './get-user.js'
import { getUserPolicy } from './get-user-policy.js'
import { listAccessKeys } from './list-access-keys.js'
import { listAttachedGroupPolicies } from './list-attached-group-policies.js'
import { listAttachedRolePolicies } from './list-attached-role-policies.js'
import { listAttachedUserPolicies } from './list-attached-user-policies.js'
import { listGroupPolicies } from './list-group-policies.js'
import { listGroups } from './list-groups.js'
import { listGroupsForUser } from './list-groups-for-user.js'
import { listPolicies } from './list-policies.js'
import { listPolicyTags } from './list-policy-tags.js'
import { listPolicyVersions } from './list-policy-versions.js'
import { listRolePolicies } from './list-role-policies.js'
import { listRoleTags } from './list-role-tags.js'
import { listRoles } from './list-roles.js'
import { listUserPolicies } from './list-user-policies.js'
import { listUserTags } from './list-user-tags.js'
import { listUsers } from './list-users.js'
import { putGroupPolicy } from './put-group-policy.js'
import { putRolePermissionsBoundary } from './put-role-permissions-boundary.js'
import { putRolePolicy } from './put-role-policy.js'
import { putUserPermissionsBoundary } from './put-user-permissions-boundary.js'
import { putUserPolicy } from './put-user-policy.js'
import { removeRoleFromInstanceProfile } from './remove-role-from-instance-profile.js'
import { removeUserFromGroup } from './remove-user-from-group.js'
import { setDefaultPolicyVersion } from './set-default-policy-version.js'
import { simulateCustomPolicy } from './simulate-custom-policy.js'
import { simulatePrincipalPolicy } from './simulate-principal-policy.js'
import { tagPolicy } from './tag-policy.js'
import { tagRole } from './tag-role.js'
import { tagUser } from './tag-user.js'
import { untagPolicy } from './untag-policy.js'
import { untagRole } from './untag-role.js'
import { untagUser } from './untag-user.js'
import { updateAccessKey } from './update-access-key.js'
import { updateAssumeRolePolicy } from './update-assume-role-policy.js'
import { updateRole } from './update-role.js'
import { updateUser } from './update-user.js'

/** Every checked IAM action, in name order. */
// Virtual MFA devices (issue 14).
import { createVirtualMFADevice } from './create-virtual-mfa-device.js'
import { deactivateMFADevice } from './deactivate-mfa-device.js'
import { deleteVirtualMFADevice } from './delete-virtual-mfa-device.js'
import { enableMFADevice } from './enable-mfa-device.js'
import { listMFADeviceTags } from './list-mfa-device-tags.js'
import { listMFADevices } from './list-mfa-devices.js'
import { listVirtualMFADevices } from './list-virtual-mfa-devices.js'
import { resyncMFADevice } from './resync-mfa-device.js'
import { tagMFADevice } from './tag-mfa-device.js'
import { untagMFADevice } from './untag-mfa-device.js'

export const iamActions: ActionDefinition[] = [
  addRoleToInstanceProfile,
  addUserToGroup,
  attachGroupPolicy,
  attachRolePolicy,
  attachUserPolicy,
  createAccessKey,
  createGroup,
  createInstanceProfile,
  createLoginProfile,
  createOpenIDConnectProvider,
  createSAMLProvider,
  createPolicy,
  createPolicyVersion,
  createRole,
  createUser,
  deleteAccessKey,
  deleteGroup,
  deleteGroupPolicy,
  deleteInstanceProfile,
  deleteLoginProfile,
  deleteOpenIDConnectProvider,
  deleteSAMLProvider,
  deletePolicy,
  deletePolicyVersion,
  deleteRole,
  deleteRolePermissionsBoundary,
  deleteRolePolicy,
  deleteUser,
  deleteUserPermissionsBoundary,
  deleteUserPolicy,
  detachGroupPolicy,
  detachRolePolicy,
  detachUserPolicy,
  getAccessKeyLastUsed,
  getAccountSummary,
  getGroup,
  getGroupPolicy,
  getPolicy,
  getPolicyVersion,
  getRole,
  getRolePolicy,
  getUser,
  getUserPolicy,
  listAccessKeys,
  listAttachedGroupPolicies,
  listAttachedRolePolicies,
  listAttachedUserPolicies,
  listGroupPolicies,
  listGroups,
  listGroupsForUser,
  listPolicies,
  listPolicyTags,
  listPolicyVersions,
  listRolePolicies,
  listRoleTags,
  listRoles,
  listUserPolicies,
  listUserTags,
  listUsers,
  putGroupPolicy,
  putRolePermissionsBoundary,
  putRolePolicy,
  putUserPermissionsBoundary,
  putUserPolicy,
  removeRoleFromInstanceProfile,
  removeUserFromGroup,
  setDefaultPolicyVersion,
  simulateCustomPolicy,
  simulatePrincipalPolicy,
  tagPolicy,
  tagRole,
  tagUser,
  untagPolicy,
  untagRole,
  untagUser,
  updateAccessKey,
  updateAssumeRolePolicy,
  updateRole,
  updateUser,
  createVirtualMFADevice,
  deactivateMFADevice,
  deleteVirtualMFADevice,
  enableMFADevice,
  listMFADeviceTags,
  listMFADevices,
  listVirtualMFADevices,
  resyncMFADevice,
  tagMFADevice,
  untagMFADevice,
]
