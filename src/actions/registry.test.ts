import { describe, expect, it } from 'vitest'
import { actionNamePattern, sdkOperation } from './names.js'
import {
  checkedActionNames,
  checkedActions,
  isCreateLike,
  isKnownAction,
  listActionNames,
  listActions,
  resolveAction,
  suggestAction,
} from './registry.js'
import { sdkOperations } from './sdk-operations.js'

describe('registry', () => {
  it('has unique, well-formed names that map to SDK operations and their command class', () => {
    const names = checkedActions.map((a) => a.name)
    expect(new Set(names).size).toBe(names.length)
    for (const action of checkedActions) {
      expect(action.name).toMatch(actionNamePattern)
      expect(action.name.startsWith(`${action.service}.`)).toBe(true)
      const op = sdkOperation(action.name)
      expect(op, action.name).toBeDefined()
      expect(action.command).toBe(`${op?.operation}Command`)
      expect(action.checked).toBe(true)
      expect(action.description.length).toBeGreaterThan(10)
    }
  })

  it('covers the operations the labs need', () => {
    const wanted = [
      'iam.createUser', 'iam.getUser', 'iam.updateUser', 'iam.deleteUser', 'iam.listUsers',
      'iam.createAccessKey', 'iam.listAccessKeys', 'iam.updateAccessKey', 'iam.deleteAccessKey', 'iam.getAccessKeyLastUsed',
      'iam.createGroup', 'iam.getGroup', 'iam.listGroups', 'iam.deleteGroup', 'iam.addUserToGroup', 'iam.removeUserFromGroup', 'iam.listGroupsForUser',
      'iam.createRole', 'iam.getRole', 'iam.listRoles', 'iam.updateRole', 'iam.updateAssumeRolePolicy', 'iam.deleteRole',
      'iam.createPolicy', 'iam.getPolicy', 'iam.deletePolicy', 'iam.listPolicies', 'iam.createPolicyVersion', 'iam.getPolicyVersion',
      'iam.listPolicyVersions', 'iam.setDefaultPolicyVersion', 'iam.deletePolicyVersion',
      'iam.putUserPolicy', 'iam.getUserPolicy', 'iam.deleteUserPolicy', 'iam.listUserPolicies',
      'iam.putRolePolicy', 'iam.getRolePolicy', 'iam.deleteRolePolicy', 'iam.listRolePolicies',
      'iam.putGroupPolicy', 'iam.getGroupPolicy', 'iam.deleteGroupPolicy', 'iam.listGroupPolicies',
      'iam.attachUserPolicy', 'iam.detachUserPolicy', 'iam.listAttachedUserPolicies',
      'iam.attachRolePolicy', 'iam.detachRolePolicy', 'iam.listAttachedRolePolicies',
      'iam.attachGroupPolicy', 'iam.detachGroupPolicy', 'iam.listAttachedGroupPolicies',
      'iam.putUserPermissionsBoundary', 'iam.deleteUserPermissionsBoundary', 'iam.putRolePermissionsBoundary', 'iam.deleteRolePermissionsBoundary',
      'iam.tagUser', 'iam.untagUser', 'iam.listUserTags', 'iam.tagRole', 'iam.untagRole', 'iam.listRoleTags',
      'iam.tagPolicy', 'iam.untagPolicy', 'iam.listPolicyTags', 'iam.createLoginProfile', 'iam.deleteLoginProfile',
      'iam.simulatePrincipalPolicy', 'iam.simulateCustomPolicy', 'iam.getAccountSummary',
      'sts.assumeRole', 'sts.getCallerIdentity', 'sts.getSessionToken', 'sts.getAccessKeyInfo',
      's3.listBuckets', 's3.createBucket', 's3.headBucket', 's3.deleteBucket', 's3.putObject', 's3.getObject', 's3.headObject',
      's3.deleteObject', 's3.listObjectsV2', 's3.putBucketPolicy', 's3.getBucketPolicy', 's3.deleteBucketPolicy',
    ]
    expect(checkedActionNames()).toEqual([...wanted].sort())
  })

  it('declares undoActions exactly when it has an undo, naming checked actions', () => {
    for (const action of checkedActions) {
      expect(action.undo === undefined, action.name).toBe(action.undoActions === undefined)
      for (const name of action.undoActions ?? []) expect(resolveAction(name)?.checked, `${action.name} -> ${name}`).toBe(true)
    }
  })

  it('marks every create-like checked action with an undo', () => {
    const creating = checkedActions.filter((a) => a.creates)
    for (const action of creating) expect(action.undo, action.name).toBeDefined()
    expect(creating.map((a) => a.name).sort()).toEqual([
      'iam.addUserToGroup', 'iam.attachGroupPolicy', 'iam.attachRolePolicy', 'iam.attachUserPolicy',
      'iam.createAccessKey', 'iam.createGroup', 'iam.createLoginProfile', 'iam.createPolicy', 'iam.createPolicyVersion',
      'iam.createRole', 'iam.createUser', 'iam.putGroupPolicy', 'iam.putRolePermissionsBoundary', 'iam.putRolePolicy',
      'iam.putUserPermissionsBoundary', 'iam.putUserPolicy', 'iam.tagPolicy', 'iam.tagRole', 'iam.tagUser',
      's3.createBucket', 's3.putBucketPolicy', 's3.putObject',
    ])
  })
})

describe('pass-through actions', () => {
  it('resolves any other SDK operation as an unchecked action', () => {
    const action = resolveAction('iam.getAccountPasswordPolicy')
    expect(action).toMatchObject({
      name: 'iam.getAccountPasswordPolicy',
      service: 'iam',
      checked: false,
      creates: false,
      command: 'GetAccountPasswordPolicyCommand',
      input: { type: 'object' },
    })
    expect(action?.output).toBeUndefined()
    expect(action?.undo).toBeUndefined()
    expect(resolveAction('s3.putBucketVersioning')).toMatchObject({ checked: false, creates: true })
    expect(resolveAction('sts.decodeAuthorizationMessage')).toMatchObject({ checked: false, service: 'sts' })
  })

  it('keeps acronyms of operation names (iam.listMFADevices)', () => {
    expect(resolveAction('iam.listMFADevices')?.command).toBe('ListMFADevicesCommand')
    expect(resolveAction('iam.getSAMLProvider')?.command).toBe('GetSAMLProviderCommand')
    expect(resolveAction('iam.listMfaDevices')).toBeUndefined()
  })

  it('rejects names no client has', () => {
    for (const name of ['iam.createRol', 'iam.CreateRole', 'ec2.runInstances', 'createRole', 'iam.', '', 'iam.createRole.x']) {
      expect(resolveAction(name), name).toBeUndefined()
      expect(isKnownAction(name)).toBe(false)
    }
  })

  it('lists every operation of the three clients once', () => {
    const names = listActionNames()
    const total = sdkOperations.iam.length + sdkOperations.sts.length + sdkOperations.s3.length
    expect(names).toHaveLength(total)
    expect(new Set(names).size).toBe(total)
    for (const name of names) expect(name).toMatch(actionNamePattern)
    expect(names).toContain('iam.createRole')
    expect(names).toContain('s3.putBucketVersioning')
    expect(listActionNames({ checkedOnly: true })).toEqual(checkedActionNames())
  })

  it('lists definitions by service, checked first', () => {
    const iam = listActions({ service: 'iam' })
    expect(iam.every((a) => a.service === 'iam' && a.checked)).toBe(true)
    expect(iam).toHaveLength(71)
    const all = listActions({ includeUnchecked: true })
    expect(all).toHaveLength(listActionNames().length)
    const firstUnchecked = all.findIndex((a) => !a.checked)
    expect(all.slice(firstUnchecked).every((a) => !a.checked)).toBe(true)
    expect(listActions({ service: 'sts', includeUnchecked: true }).map((a) => a.name)).toContain('sts.assumeRoleWithWebIdentity')
  })
})

describe('isCreateLike', () => {
  it.each([
    ['iam.createRole', true],
    ['iam.tagUser', true],
    ['iam.updateAssumeRolePolicy', false],
    ['iam.getRole', false],
    ['iam.createInstanceProfile', true],
    ['iam.addRoleToInstanceProfile', true],
    ['iam.uploadSSHPublicKey', true],
    ['iam.enableMFADevice', true],
    ['s3.putBucketVersioning', true],
    ['s3.copyObject', true],
    ['s3.uploadPart', true],
    ['iam.setSecurityTokenServicePreferences', false],
    ['iam.deleteInstanceProfile', false],
    ['sts.assumeRoleWithSAML', false],
    ['iam.createRol', false],
  ])('%s -> %s', (name, expected) => {
    expect(isCreateLike(name)).toBe(expected)
  })
})

describe('suggestAction', () => {
  it.each([
    ['iam.createRol', 'iam.createRole'],
    ['iam.CreateRole', 'iam.createRole'],
    ['iam.create-role', 'iam.createRole'],
    ['iam.createrole', 'iam.createRole'],
    ['createRole', 'iam.createRole'],
    ['sts.createRole', 'iam.createRole'],
    ['s3.listBucket', 's3.listBuckets'],
    ['sts.asumeRole', 'sts.assumeRole'],
    ['iam.attachRolePolicies', 'iam.attachRolePolicy'],
    ['iam.getAccountPasswordPolcy', 'iam.getAccountPasswordPolicy'],
  ])('%s -> %s', (typo, expected) => {
    expect(suggestAction(typo)).toBe(expected)
  })

  it('suggests nothing for a valid name or a far-off one', () => {
    expect(suggestAction('iam.createRole')).toBeUndefined()
    expect(suggestAction('ec2.runInstances')).toBeUndefined()
    expect(suggestAction('xyzzy')).toBeUndefined()
  })
})
