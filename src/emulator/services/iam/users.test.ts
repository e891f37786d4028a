import { describe, expect, it } from 'vitest'
import { ACCOUNT, errorOf, fakeIam, trustFor } from './testing/fake-context.js'

describe('CreateUser', () => {
  it('creates a user with AWS identifiers and path in the ARN', () => {
    const iam = fakeIam()
    const out = iam.call('CreateUser', { UserName: 'Alice', Path: '/dev/team/' })
    expect(Object.keys(out.User)).toEqual(['Path', 'UserName', 'UserId', 'Arn', 'CreateDate', 'PasswordLastUsed', 'PermissionsBoundary', 'Tags'])
    expect(out.User.Path).toBe('/dev/team/')
    expect(out.User.UserName).toBe('Alice')
    expect(out.User.UserId).toMatch(/^AIDA[A-Z0-9]{17}$/)
    expect(out.User.Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/dev/team/Alice`)
    expect(out.User.CreateDate).toEqual(new Date(iam.now))
    expect(out.User.Tags).toBeUndefined()
    expect(iam.calls).toEqual([{ action: 'iam:CreateUser', resource: `arn:aws:iam::${ACCOUNT}:user/dev/team/Alice` }])
  })

  it('refuses a duplicate name case-insensitively with AWS wording', () => {
    const iam = fakeIam()
    iam.call('CreateUser', { UserName: 'alice' })
    const e = errorOf(() => iam.call('CreateUser', { UserName: 'ALICE' }))
    expect([e.code, e.status, e.message]).toEqual(['EntityAlreadyExists', 409, 'User with name ALICE already exists.'])
  })

  it('reports model violations in the Coral format, all of them', () => {
    const iam = fakeIam()
    const e = errorOf(() => iam.call('CreateUser', { UserName: 'bad name!', Path: 'nopath' }))
    expect(e.code).toBe('ValidationError')
    expect(e.status).toBe(400)
    expect(e.message).toBe(
      "2 validation errors detected: Value at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F); " +
        "Value at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
    )
    const long = errorOf(() => iam.call('CreateUser', { UserName: 'a'.repeat(65) }))
    expect(long.message).toBe(
      `1 validation error detected: Value at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64`,
    )
    const missing = errorOf(() => iam.call('CreateUser', {}))
    expect(missing.message).toBe("1 validation error detected: Value null at 'userName' failed to satisfy constraint: Member must not be null")
  })

  it('passes request tags and the boundary to authorization, and checks the boundary exists', () => {
    const iam = fakeIam()
    const boundary = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'
    const out = iam.call('CreateUser', {
      UserName: 'bob',
      PermissionsBoundary: boundary,
      Tags: [{ Key: 'team', Value: 'blue' }],
    })
    expect(out.User.PermissionsBoundary).toEqual({ PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: boundary })
    expect(out.User.Tags).toEqual([{ Key: 'team', Value: 'blue' }])
    expect(iam.calls[0]!.opts!.context).toEqual({
      'aws:TagKeys': ['team'],
      'aws:RequestTag/team': 'blue',
      'iam:PermissionsBoundary': boundary,
    })
    const e = errorOf(() => iam.call('CreateUser', { UserName: 'carol', PermissionsBoundary: `arn:aws:iam::${ACCOUNT}:policy/Nope` }))
    expect([e.code, e.status, e.message]).toEqual([
      'NoSuchEntity',
      404,
      `Policy arn:aws:iam::${ACCOUNT}:policy/Nope does not exist or is not attachable.`,
    ])
    expect(iam.account.users.has('carol')).toBe(false)
  })

  it('refuses duplicate tag keys (case-insensitive)', () => {
    const iam = fakeIam()
    const e = errorOf(() =>
      iam.call('CreateUser', { UserName: 'x', Tags: [{ Key: 'Team', Value: 'a' }, { Key: 'team', Value: 'b' }] }),
    )
    expect([e.code, e.message]).toEqual(['InvalidInput', 'Duplicate tag keys found. Please note that Tag keys are case insensitive.'])
  })

  it('authorizes before acting: a denied caller changes nothing', () => {
    const iam = fakeIam({ deny: (action) => action === 'iam:CreateUser' })
    const e = errorOf(() => iam.call('CreateUser', { UserName: 'mallory' }))
    expect(e.code).toBe('AccessDenied')
    expect(iam.account.users.size).toBe(0)
  })
})

describe('GetUser', () => {
  it('returns the named user (lookup is case-insensitive, case preserved)', () => {
    const iam = fakeIam()
    iam.call('CreateUser', { UserName: 'Alice', Tags: [{ Key: 'k', Value: 'v' }] })
    const out = iam.call('GetUser', { UserName: 'alice' })
    expect(out.User.UserName).toBe('Alice')
    expect(out.User.Tags).toEqual([{ Key: 'k', Value: 'v' }])
  })

  it('without a name returns the calling user, or the root form for the root', () => {
    const iam = fakeIam()
    iam.call('CreateUser', { UserName: 'alice' })
    iam.asUser('alice')
    expect(iam.call('GetUser', {}).User.UserName).toBe('alice')
    expect(iam.calls.at(-1)).toEqual({ action: 'iam:GetUser', resource: `arn:aws:iam::${ACCOUNT}:user/alice`, opts: { denialResource: 'user alice' } })
    iam.asRoot()
    const root = iam.call('GetUser', {}).User
    expect(root.UserId).toBe(ACCOUNT)
    expect(root.Arn).toBe(`arn:aws:iam::${ACCOUNT}:root`)
    expect(root.UserName).toBeUndefined()
  })

  it('from a role session without a name is a ValidationError', () => {
    const iam = fakeIam()
    iam.call('CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: trustFor(ACCOUNT) })
    iam.asRoleSession('r', 's')
    const e = errorOf(() => iam.call('GetUser', {}))
    expect([e.code, e.status, e.message]).toEqual(['ValidationError', 400, 'Must specify userName when calling with non-User credentials'])
  })

  it('denies before revealing whether the user exists', () => {
    const iam = fakeIam({ deny: () => true })
    const e = errorOf(() => iam.call('GetUser', { UserName: 'ghost' }))
    expect(e.code).toBe('AccessDenied')
    expect(iam.calls[0]).toEqual({ action: 'iam:GetUser', resource: `arn:aws:iam::${ACCOUNT}:user/ghost`, opts: { denialResource: 'user ghost' } })
  })

  it('missing user: NoSuchEntity with AWS wording', () => {
    const e = errorOf(() => fakeIam().call('GetUser', { UserName: 'ghost' }))
    expect([e.code, e.status, e.message]).toEqual(['NoSuchEntity', 404, 'The user with name ghost cannot be found.'])
  })
})

describe('UpdateUser', () => {
  it('renames and moves a user, keeping keys and groups attached', () => {
    const iam = fakeIam()
    iam.call('CreateUser', { UserName: 'alice' })
    iam.call('CreateGroup', { GroupName: 'devs' })
    iam.call('AddUserToGroup', { GroupName: 'devs', UserName: 'alice' })
    const key = iam.call('CreateAccessKey', { UserName: 'alice' }).AccessKey.AccessKeyId
    iam.call('UpdateUser', { UserName: 'alice', NewUserName: 'alicia', NewPath: '/ops/' })
    expect(iam.call('GetUser', { UserName: 'alicia' }).User.Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/ops/alicia`)
    expect(errorOf(() => iam.call('GetUser', { UserName: 'alice' })).code).toBe('NoSuchEntity')
    expect(iam.call('GetGroup', { GroupName: 'devs' }).Users.map((u: { UserName: string }) => u.UserName)).toEqual(['alicia'])
    expect(iam.call('ListAccessKeys', { UserName: 'alicia' }).AccessKeyMetadata[0].AccessKeyId).toBe(key)
  })

  it('shows the new ARN in trust policies that named the renamed user', () => {
    const iam = fakeIam()
    const user = iam.call('CreateUser', { UserName: 'alice' }).User
    iam.call('CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: trustFor(user.Arn) })
    iam.call('UpdateUser', { UserName: 'alice', NewUserName: 'alicia' })
    expect(JSON.parse(iam.account.roles.get('r')!.trustPolicy).Statement[0].Principal.AWS).toBe(`arn:aws:iam::${ACCOUNT}:user/alicia`)
    expect(iam.calls.slice(-2).map((c) => c.resource)).toEqual([user.Arn, `arn:aws:iam::${ACCOUNT}:user/alicia`])
  })

  it('refuses to rename onto an existing name', () => {
    const iam = fakeIam()
    iam.call('CreateUser', { UserName: 'a' })
    iam.call('CreateUser', { UserName: 'b' })
    const e = errorOf(() => iam.call('UpdateUser', { UserName: 'a', NewUserName: 'B' }))
    expect([e.code, e.message]).toEqual(['EntityAlreadyExists', 'User with name B already exists.'])
  })
})

describe('DeleteUser', () => {
  it('refuses while the user has a login profile, keys, policies or groups, in that order', () => {
    const iam = fakeIam()
    iam.call('CreateUser', { UserName: 'u' })
    iam.call('CreateLoginProfile', { UserName: 'u', Password: 'Secret-Passw0rd' })
    const key = iam.call('CreateAccessKey', { UserName: 'u' }).AccessKey.AccessKeyId
    iam.call('PutUserPolicy', {
      UserName: 'u',
      PolicyName: 'p',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }),
    })
    iam.call('AttachUserPolicy', { UserName: 'u', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' })
    iam.call('CreateGroup', { GroupName: 'g' })
    iam.call('AddUserToGroup', { GroupName: 'g', UserName: 'u' })
    const conflicts: string[] = []
    const steps = [
      () => iam.call('DeleteLoginProfile', { UserName: 'u' }),
      () => iam.call('DeleteAccessKey', { UserName: 'u', AccessKeyId: key }),
      () => iam.call('DeleteUserPolicy', { UserName: 'u', PolicyName: 'p' }),
      () => iam.call('DetachUserPolicy', { UserName: 'u', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }),
      () => iam.call('RemoveUserFromGroup', { GroupName: 'g', UserName: 'u' }),
    ]
    for (const step of steps) {
      const e = errorOf(() => iam.call('DeleteUser', { UserName: 'u' }))
      expect([e.code, e.status]).toEqual(['DeleteConflict', 409])
      conflicts.push(e.message)
      step()
    }
    expect(conflicts).toEqual([
      'Cannot delete entity, must delete login profile first.',
      'Cannot delete entity, must delete access keys first.',
      'Cannot delete entity, must delete policies first.',
      'Cannot delete entity, must detach all policies first.',
      'Cannot delete entity, must remove user from all groups first.',
    ])
    expect(iam.call('DeleteUser', { UserName: 'u' })).toBeUndefined()
    expect(iam.account.users.size).toBe(0)
  })

  it('rewrites trust policies naming the deleted user to its unique id', () => {
    const iam = fakeIam()
    const user = iam.call('CreateUser', { UserName: 'alice' }).User
    iam.call('CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: trustFor(user.Arn) })
    iam.call('DeleteUser', { UserName: 'alice' })
    const trust = JSON.parse(iam.account.roles.get('r')!.trustPolicy)
    expect(trust.Statement[0].Principal.AWS).toBe(user.UserId)
    // A re-created alice is a different principal: the old grant does not name her.
    iam.call('CreateUser', { UserName: 'alice' })
    expect(JSON.parse(iam.account.roles.get('r')!.trustPolicy).Statement[0].Principal.AWS).toBe(user.UserId)
  })
})

describe('ListUsers', () => {
  it('filters by path prefix, pages with Marker/MaxItems and leaves out tags and boundaries', () => {
    const iam = fakeIam()
    for (const n of ['e', 'b', 'd', 'a', 'c']) iam.call('CreateUser', { UserName: n, Path: '/x/', Tags: [{ Key: 't', Value: n }] })
    iam.call('CreateUser', { UserName: 'other', Path: '/y/' })
    const first = iam.call('ListUsers', { PathPrefix: '/x/', MaxItems: '2' })
    expect(first.Users.map((u: { UserName: string }) => u.UserName)).toEqual(['a', 'b'])
    expect(first.IsTruncated).toBe(true)
    expect(typeof first.Marker).toBe('string')
    expect(first.Users[0].Tags).toBeUndefined()
    const second = iam.call('ListUsers', { PathPrefix: '/x/', MaxItems: '2', Marker: first.Marker })
    expect(second.Users.map((u: { UserName: string }) => u.UserName)).toEqual(['c', 'd'])
    const third = iam.call('ListUsers', { PathPrefix: '/x/', MaxItems: '2', Marker: second.Marker })
    expect(third.Users.map((u: { UserName: string }) => u.UserName)).toEqual(['e'])
    expect(third.IsTruncated).toBe(false)
    expect(third.Marker).toBeUndefined()
    expect(iam.calls.at(-1)!.resource).toBe(`arn:aws:iam::${ACCOUNT}:user/x/`)
    expect(iam.call('ListUsers', {}).Users).toHaveLength(6)
  })

  it('validates MaxItems range', () => {
    const e = errorOf(() => fakeIam().call('ListUsers', { MaxItems: '0' }))
    expect(e.message).toBe(
      "1 validation error detected: Value at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1",
    )
  })
})
