import { describe, expect, it } from 'vitest'
import { ACCOUNT, errorOf, fakeIam } from './testing/fake-context.js'

describe('groups', () => {
  it('creates groups with AGPA ids and manages membership idempotently', () => {
    const iam = fakeIam()
    const g = iam.call('CreateGroup', { GroupName: 'Devs', Path: '/eng/' }).Group
    expect(g.GroupId).toMatch(/^AGPA[A-Z0-9]{17}$/)
    expect(g.Arn).toBe(`arn:aws:iam::${ACCOUNT}:group/eng/Devs`)
    const dup = errorOf(() => iam.call('CreateGroup', { GroupName: 'devs' }))
    expect([dup.code, dup.status, dup.message]).toEqual(['EntityAlreadyExists', 409, 'Group with name devs already exists.'])
    iam.call('CreateUser', { UserName: 'b' })
    iam.call('CreateUser', { UserName: 'a' })
    iam.call('AddUserToGroup', { GroupName: 'devs', UserName: 'b' })
    iam.call('AddUserToGroup', { GroupName: 'devs', UserName: 'a' })
    iam.call('AddUserToGroup', { GroupName: 'devs', UserName: 'a' })
    const got = iam.call('GetGroup', { GroupName: 'devs' })
    expect(got.Group.GroupName).toBe('Devs')
    expect(got.Users.map((u: { UserName: string }) => u.UserName)).toEqual(['a', 'b'])
    expect(iam.call('ListGroupsForUser', { UserName: 'a' }).Groups.map((x: { GroupName: string }) => x.GroupName)).toEqual(['Devs'])
    expect(iam.calls.at(-1)).toEqual({ action: 'iam:ListGroupsForUser', resource: `arn:aws:iam::${ACCOUNT}:user/a`, opts: { denialResource: 'user a' } })
    const del = errorOf(() => iam.call('DeleteGroup', { GroupName: 'devs' }))
    expect([del.code, del.message]).toEqual(['DeleteConflict', 'Cannot delete entity, must remove users from group first.'])
    iam.call('RemoveUserFromGroup', { GroupName: 'devs', UserName: 'a' })
    iam.call('RemoveUserFromGroup', { GroupName: 'devs', UserName: 'b' })
    const notIn = errorOf(() => iam.call('RemoveUserFromGroup', { GroupName: 'devs', UserName: 'b' }))
    expect(notIn.code).toBe('NoSuchEntity')
    iam.call('DeleteGroup', { GroupName: 'devs' })
    expect(errorOf(() => iam.call('GetGroup', { GroupName: 'devs' })).message).toBe('The group with name devs cannot be found.')
  })

  it('limits a user to 10 groups', () => {
    const iam = fakeIam()
    iam.call('CreateUser', { UserName: 'u' })
    for (let i = 0; i < 11; i++) iam.call('CreateGroup', { GroupName: `g${i}` })
    for (let i = 0; i < 10; i++) iam.call('AddUserToGroup', { GroupName: `g${i}`, UserName: 'u' })
    const e = errorOf(() => iam.call('AddUserToGroup', { GroupName: 'g10', UserName: 'u' }))
    expect([e.code, e.status, e.message]).toEqual(['LimitExceeded', 409, 'Cannot exceed quota for GroupsPerUser: 10'])
  })

  it('group inline and attached policies block deletion; rename keeps members', () => {
    const iam = fakeIam()
    iam.call('CreateGroup', { GroupName: 'g' })
    iam.call('CreateUser', { UserName: 'u' })
    iam.call('AddUserToGroup', { GroupName: 'g', UserName: 'u' })
    iam.call('UpdateGroup', { GroupName: 'g', NewGroupName: 'h', NewPath: '/x/' })
    expect(iam.call('ListGroupsForUser', { UserName: 'u' }).Groups[0].Arn).toBe(`arn:aws:iam::${ACCOUNT}:group/x/h`)
    iam.call('RemoveUserFromGroup', { GroupName: 'h', UserName: 'u' })
    iam.call('PutGroupPolicy', {
      GroupName: 'h',
      PolicyName: 'p',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }),
    })
    expect(errorOf(() => iam.call('DeleteGroup', { GroupName: 'h' })).message).toBe('Cannot delete entity, must delete policies first.')
    iam.call('DeleteGroupPolicy', { GroupName: 'h', PolicyName: 'p' })
    iam.call('AttachGroupPolicy', { GroupName: 'h', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' })
    expect(errorOf(() => iam.call('DeleteGroup', { GroupName: 'h' })).message).toBe('Cannot delete entity, must detach all policies first.')
  })

  it('ListGroups filters by path', () => {
    const iam = fakeIam()
    iam.call('CreateGroup', { GroupName: 'a', Path: '/x/' })
    iam.call('CreateGroup', { GroupName: 'b' })
    expect(iam.call('ListGroups', { PathPrefix: '/x' }).Groups.map((g: { GroupName: string }) => g.GroupName)).toEqual(['a'])
    expect(iam.call('ListGroups', {}).Groups).toHaveLength(2)
  })
})
