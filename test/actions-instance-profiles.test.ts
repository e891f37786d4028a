import { ListInstanceProfilesCommand } from '@aws-sdk/client-iam'
import { afterEach, describe, expect, it } from 'vitest'
import { resolveAction } from '../src/actions/registry.js'
import type { RunTarget } from '../src/engine/targets/targets.js'
import { clients } from './emulator-helpers.js'
import { cleanTmp, EMPTY, leftovers, runText, statuses } from './runner-helpers.js'

afterEach(cleanTmp)

const TRUST = `{ Version: '2012-10-17', Statement: [{ Effect: Allow, Principal: { Service: ec2.amazonaws.com }, Action: 'sts:AssumeRole' }] }`

async function profilesLeft(target: RunTarget): Promise<string[]> {
  const { iam } = clients(target.emulator!, target.emulator!.root)
  return ((await iam.send(new ListInstanceProfilesCommand({}))).InstanceProfiles ?? []).map((p) => p.InstanceProfileName!)
}

describe('iam.createInstanceProfile and iam.addRoleToInstanceProfile (checked actions)', () => {
  it('are checked, create-like and undone in reverse', async () => {
    expect(resolveAction('iam.createInstanceProfile')).toMatchObject({ checked: true, creates: true, taggable: true, undoActions: ['iam.deleteInstanceProfile'] })
    expect(resolveAction('iam.addRoleToInstanceProfile')).toMatchObject({ checked: true, creates: true, undoActions: ['iam.removeRoleFromInstanceProfile'] })
    const { result, target } = await runText(`
name: profiles
steps:
  - id: role
    action: iam.createRole
    input: { RoleName: web-role, AssumeRolePolicyDocument: ${TRUST} }
  - id: profile
    action: iam.createInstanceProfile
    input: { InstanceProfileName: web, Path: /app/ }
    capture: { arn: InstanceProfile.Arn }
  - id: add
    action: iam.addRoleToInstanceProfile
    input: { InstanceProfileName: web, RoleName: web-role }
  - id: second
    action: iam.addRoleToInstanceProfile
    input: { InstanceProfileName: web, RoleName: web-role }
    expect: { error: LimitExceeded }
  - id: busy
    action: iam.deleteRole
    input: { RoleName: web-role }
    expect: { error: DeleteConflict }
`)
    expect(statuses(result)).toEqual({ role: 'passed', profile: 'passed', add: 'passed', second: 'passed', busy: 'passed' })
    expect(result.steps.find((s) => s.id === 'profile')!.captures).toMatchObject({ arn: 'arn:aws:iam::123456789012:instance-profile/app/web' })
    expect(leftovers(target)).toEqual(EMPTY)
    expect(await profilesLeft(target)).toEqual([])
  })

  it('teardown removes a role that a kept step left in the profile, from either side', async () => {
    // Role created last: its delete comes first and meets the profile (the role's dependents).
    const first = await runText(`
name: role-side
steps:
  - { id: profile, action: iam.createInstanceProfile, input: { InstanceProfileName: p1 } }
  - { id: role, action: iam.createRole, input: { RoleName: r1, AssumeRolePolicyDocument: ${TRUST} } }
  - { id: add, action: iam.addRoleToInstanceProfile, input: { InstanceProfileName: p1, RoleName: r1 }, teardown: false }
`)
    expect(first.result.teardown).toMatchObject({ status: 'completed', leftovers: 0 })
    expect(first.result.teardown.items.find((c) => c.action === 'iam.deleteRole')).toMatchObject({ status: 'done', attempts: 2 })
    expect(leftovers(first.target)).toEqual(EMPTY)
    expect(await profilesLeft(first.target)).toEqual([])
    // Profile created last: its delete comes first and meets the role (the profile's dependents).
    const second = await runText(`
name: profile-side
steps:
  - { id: role, action: iam.createRole, input: { RoleName: r2, AssumeRolePolicyDocument: ${TRUST} } }
  - { id: profile, action: iam.createInstanceProfile, input: { InstanceProfileName: p2 } }
  - { id: add, action: iam.addRoleToInstanceProfile, input: { InstanceProfileName: p2, RoleName: r2 }, teardown: false }
`)
    expect(second.result.teardown).toMatchObject({ status: 'completed', leftovers: 0 })
    expect(second.result.teardown.items.find((c) => c.action === 'iam.deleteInstanceProfile')).toMatchObject({ status: 'done', attempts: 2 })
    expect(leftovers(second.target)).toEqual(EMPTY)
    expect(await profilesLeft(second.target)).toEqual([])
  })
})
