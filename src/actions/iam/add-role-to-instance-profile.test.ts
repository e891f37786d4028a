import { describe, expect, it } from 'vitest'
import { addRoleToInstanceProfile } from './add-role-to-instance-profile.js'

describe('iam.addRoleToInstanceProfile', () => {
  it('is undone by iam.removeRoleFromInstanceProfile with both names from the input', () => {
    expect(addRoleToInstanceProfile.undo!({ InstanceProfileName: 'web', RoleName: 'r' }, { $metadata: {} })).toEqual({
      action: 'iam.removeRoleFromInstanceProfile',
      input: { InstanceProfileName: 'web', RoleName: 'r' },
    })
  })
})
