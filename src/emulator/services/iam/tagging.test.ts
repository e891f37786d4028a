import { describe, expect, it } from 'vitest'
import { ACCOUNT, ALLOW_S3_READ, errorOf, fakeIam, trustFor } from './testing/fake-context.js'

describe('tags', () => {
  it('merges case-insensitively, untags idempotently, lists with pagination', () => {
    const iam = fakeIam()
    iam.call('CreateUser', { UserName: 'u', Tags: [{ Key: 'Team', Value: 'a' }] })
    iam.call('TagUser', { UserName: 'u', Tags: [{ Key: 'team', Value: 'b' }, { Key: 'env', Value: 'dev' }] })
    expect(iam.calls.at(-1)!.opts!.context).toEqual({
      'aws:TagKeys': ['team', 'env'],
      'aws:RequestTag/team': 'b',
      'aws:RequestTag/env': 'dev',
      'aws:ResourceTag/Team': 'a',
      'iam:ResourceTag/Team': 'a',
    })
    expect(iam.call('ListUserTags', { UserName: 'u' }).Tags).toEqual([
      { Key: 'team', Value: 'b' },
      { Key: 'env', Value: 'dev' },
    ])
    const page = iam.call('ListUserTags', { UserName: 'u', MaxItems: '1' })
    expect([page.Tags.length, page.IsTruncated]).toEqual([1, true])
    expect(iam.call('ListUserTags', { UserName: 'u', Marker: page.Marker }).Tags).toEqual([{ Key: 'env', Value: 'dev' }])
    iam.call('UntagUser', { UserName: 'u', TagKeys: ['TEAM', 'missing'] })
    expect(iam.calls.at(-1)!.opts!.context!['aws:TagKeys']).toEqual(['TEAM', 'missing'])
    expect(iam.call('ListUserTags', { UserName: 'u' }).Tags).toEqual([{ Key: 'env', Value: 'dev' }])
  })

  it('caps tags at 50 per entity and checks the model constraints of keys', () => {
    const iam = fakeIam()
    iam.call('CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: trustFor(ACCOUNT) })
    const fifty = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }))
    iam.call('TagRole', { RoleName: 'r', Tags: fifty })
    iam.call('TagRole', { RoleName: 'r', Tags: [{ Key: 'K0', Value: 'replaced' }] })
    const e = errorOf(() => iam.call('TagRole', { RoleName: 'r', Tags: [{ Key: 'one-more', Value: 'v' }] }))
    expect([e.code, e.status]).toEqual(['LimitExceeded', 409])
    const bad = errorOf(() => iam.call('TagRole', { RoleName: 'r', Tags: [{ Key: 'bad#key', Value: 'v' }] }))
    expect(bad.message).toBe(
      "1 validation error detected: Value at 'tags.1.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+",
    )
    expect(iam.call('ListRoleTags', { RoleName: 'r' }).Tags).toHaveLength(50)
  })

  it('tags customer managed policies', () => {
    const iam = fakeIam()
    const arn = iam.call('CreatePolicy', { PolicyName: 'p', PolicyDocument: ALLOW_S3_READ, Tags: [{ Key: 'a', Value: '1' }] }).Policy.Arn
    iam.call('TagPolicy', { PolicyArn: arn, Tags: [{ Key: 'b', Value: '2' }] })
    iam.call('UntagPolicy', { PolicyArn: arn, TagKeys: ['a'] })
    expect(iam.call('ListPolicyTags', { PolicyArn: arn }).Tags).toEqual([{ Key: 'b', Value: '2' }])
    expect(iam.call('GetPolicy', { PolicyArn: arn }).Policy.Tags).toEqual([{ Key: 'b', Value: '2' }])
  })
})

describe('List*Tags order (issue 16: only where AWS is recorded)', () => {
  // LocalStack tests/aws/services/iam/test_iam_policies.snapshot.json (b04c14c), recorded from
  // AWS: test_policy_tag_order (2026-02-18) CreatePolicy Tags `abc, b, z, a` -> the response
  // echoes `abc, b, z, a`, ListPolicyTags answers `a, b, z, abc`; test_policy_tag_lifecycle
  // (2026-02-10) `a, A` -> ListPolicyTags `A, a`. Shortest key first, then by code unit: not a
  // plain ordinal sort (that would put `abc` second).
  it('ListPolicyTags: shortest key first, then ordinal (A before a); CreatePolicy echoes the request', () => {
    const iam = fakeIam()
    const created = iam.call('CreatePolicy', {
      PolicyName: 'p',
      PolicyDocument: ALLOW_S3_READ,
      Tags: [{ Key: 'abc', Value: 'first' }, { Key: 'b', Value: 'second' }, { Key: 'z', Value: 'third' }, { Key: 'a', Value: 'fourth' }],
    }).Policy
    expect(created.Tags.map((t: { Key: string }) => t.Key)).toEqual(['abc', 'b', 'z', 'a'])
    const listed = iam.call('ListPolicyTags', { PolicyArn: created.Arn }).Tags
    expect(listed).toEqual([{ Key: 'a', Value: 'fourth' }, { Key: 'b', Value: 'second' }, { Key: 'z', Value: 'third' }, { Key: 'abc', Value: 'first' }])
    const page1 = iam.call('ListPolicyTags', { PolicyArn: created.Arn, MaxItems: '3' })
    expect(page1.Tags.map((t: { Key: string }) => t.Key)).toEqual(['a', 'b', 'z'])
    expect(iam.call('ListPolicyTags', { PolicyArn: created.Arn, Marker: page1.Marker }).Tags.map((t: { Key: string }) => t.Key)).toEqual(['abc'])

    const cs = iam.call('CreatePolicy', { PolicyName: 'q', PolicyDocument: ALLOW_S3_READ, Tags: [{ Key: 'a', Value: 'lowercase' }, { Key: 'A', Value: 'uppercase' }] }).Policy
    expect(cs.Tags.map((t: { Key: string }) => t.Key)).toEqual(['a', 'A'])
    expect(iam.call('ListPolicyTags', { PolicyArn: cs.Arn }).Tags).toEqual([{ Key: 'A', Value: 'uppercase' }, { Key: 'a', Value: 'lowercase' }])
  })

  // Recorded only where insertion and sorted order agree (test_iam_roles `somekey, someotherkey`,
  // test_iam_users `Environment, Team` and `key-1, key-2`, test_iam_instance_profiles `MyKey,
  // MyKey2`, test_iam_oidc `k1, k2`): the stored order is kept (docs/fidelity.md).
  it('ListRoleTags / ListUserTags keep the stored order (AWS unrecorded where it would differ)', () => {
    const iam = fakeIam()
    iam.call('CreateUser', { UserName: 'u', Tags: [{ Key: 'abc', Value: '1' }, { Key: 'a', Value: '2' }] })
    expect(iam.call('ListUserTags', { UserName: 'u' }).Tags.map((t: { Key: string }) => t.Key)).toEqual(['abc', 'a'])
  })
})

describe('permissions boundaries', () => {
  it('puts and deletes boundaries on users and roles, passing iam:PermissionsBoundary', () => {
    const iam = fakeIam()
    const arn = iam.call('CreatePolicy', { PolicyName: 'b', PolicyDocument: ALLOW_S3_READ }).Policy.Arn
    iam.call('CreateUser', { UserName: 'u' })
    iam.call('PutUserPermissionsBoundary', { UserName: 'u', PermissionsBoundary: arn })
    expect(iam.calls.at(-1)!.opts!.context).toEqual({ 'iam:PermissionsBoundary': arn })
    expect(iam.call('GetUser', { UserName: 'u' }).User.PermissionsBoundary).toEqual({
      PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
      PermissionsBoundaryArn: arn,
    })
    expect(iam.call('GetPolicy', { PolicyArn: arn }).Policy.PermissionsBoundaryUsageCount).toBe(1)
    iam.call('DeleteUserPermissionsBoundary', { UserName: 'u' })
    expect(iam.calls.at(-1)!.opts!.context).toEqual({ 'iam:PermissionsBoundary': arn })
    expect(iam.call('GetUser', { UserName: 'u' }).User.PermissionsBoundary).toBeUndefined()
    iam.call('CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: trustFor(ACCOUNT) })
    const missing = `arn:aws:iam::${ACCOUNT}:policy/none`
    const e = errorOf(() => iam.call('PutRolePermissionsBoundary', { RoleName: 'r', PermissionsBoundary: missing }))
    expect([e.code, e.message]).toEqual(['NoSuchEntity', `Policy ${missing} does not exist or is not attachable.`])
  })
})

describe('login profiles', () => {
  it('creates, reads, updates and deletes without keeping the password', () => {
    const iam = fakeIam()
    iam.call('CreateUser', { UserName: 'u' })
    const out = iam.call('CreateLoginProfile', { UserName: 'u', Password: 'Sup3r-secret!', PasswordResetRequired: 'true' })
    expect(out).toEqual({ LoginProfile: { UserName: 'u', CreateDate: new Date(iam.now), PasswordResetRequired: true } })
    expect(JSON.stringify([...iam.account.users.values()])).not.toContain('Sup3r-secret!')
    const dup = errorOf(() => iam.call('CreateLoginProfile', { UserName: 'u', Password: 'x' }))
    expect([dup.code, dup.status, dup.message]).toEqual(['EntityAlreadyExists', 409, 'Login Profile for user u already exists.'])
    iam.call('UpdateLoginProfile', { UserName: 'u', PasswordResetRequired: 'false' })
    expect(iam.call('GetLoginProfile', { UserName: 'u' }).LoginProfile.PasswordResetRequired).toBe(false)
    iam.call('DeleteLoginProfile', { UserName: 'u' })
    const gone = errorOf(() => iam.call('GetLoginProfile', { UserName: 'u' }))
    expect([gone.code, gone.status, gone.message]).toEqual(['NoSuchEntity', 404, 'Login Profile for User u cannot be found.'])
    const tooLong = errorOf(() => iam.call('CreateLoginProfile', { UserName: 'u', Password: 'x'.repeat(129) }))
    // The password is sensitive: AWS reports the constraint without echoing the value.
    expect(tooLong.message).toBe(
      "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must have length less than or equal to 128",
    )
  })
})

// Issue 16 items 8-9. Recorded against AWS in 2026: LocalStack test_iam_roles.snapshot.json
// (commit cdb3432) test_role_tag_errors / test_role_tag_operations / test_create_role_defaults,
// test_iam_policies.snapshot.json (commit b15ee85) test_policy_tag_create_errors /
// test_policy_tag_lifecycle / test_policy_lifecycle, test_iam_users (b04c14c) test_user_lifecycle.
describe('tags as AWS answers them (recorded 2026)', () => {
  const tagged = (n: number) => Array.from({ length: n }, (_, i) => ({ Key: `k${i}`, Value: 'v' }))

  it('GetPolicy has Tags: [] when untagged; CreatePolicy has no Tags and no Description', () => {
    const iam = fakeIam()
    const created = iam.call('CreatePolicy', { PolicyName: 'p', PolicyDocument: ALLOW_S3_READ, Description: 'd' }).Policy
    expect([created.Tags, created.Description]).toEqual([undefined, undefined])
    const got = iam.call('GetPolicy', { PolicyArn: created.Arn }).Policy
    expect(got.Tags).toEqual([])
    expect(got.Description).toBe('d')
  })

  it('GetRole and GetUser omit Tags when untagged', () => {
    const iam = fakeIam()
    iam.call('CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: trustFor(ACCOUNT) })
    iam.call('CreateUser', { UserName: 'u' })
    expect(iam.call('GetRole', { RoleName: 'r' }).Role.Tags).toBeUndefined()
    expect(iam.call('GetUser', { UserName: 'u' }).User.Tags).toBeUndefined()
  })

  it('validation errors name the member without its value and without a final period', () => {
    const iam = fakeIam()
    const many = errorOf(() => iam.call('CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: trustFor(ACCOUNT), Tags: tagged(51) }))
    expect([many.code, many.message]).toEqual(['ValidationError', "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50"])
    const longKey = errorOf(() => iam.call('CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: trustFor(ACCOUNT), Tags: [{ Key: 'k'.repeat(129), Value: 'v' }] }))
    expect(longKey.message).toBe("1 validation error detected: Value at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128")
    const longValue = errorOf(() => iam.call('CreatePolicy', { PolicyName: 'p', PolicyDocument: ALLOW_S3_READ, Tags: [{ Key: 'k', Value: 'v'.repeat(257) }] }))
    expect(longValue.message).toBe("1 validation error detected: Value at 'tags.1.member.value' failed to satisfy constraint: Member must have length less than or equal to 256")
  })

  it('role tag keys are case-insensitive: duplicates refused with the long text, TagRole replaces the key', () => {
    const iam = fakeIam()
    const dup = errorOf(() => iam.call('CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: trustFor(ACCOUNT), Tags: [{ Key: 'mykey', Value: '1' }, { Key: 'MyKey', Value: '2' }] }))
    expect([dup.code, dup.message]).toEqual(['InvalidInput', 'Duplicate tag keys found. Please note that Tag keys are case insensitive.'])
    iam.call('CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: trustFor(ACCOUNT), Tags: [{ Key: 'somekey', Value: '1' }] })
    iam.call('TagRole', { RoleName: 'r', Tags: [{ Key: 'Somekey', Value: '2' }] })
    expect(iam.call('ListRoleTags', { RoleName: 'r' }).Tags).toEqual([{ Key: 'Somekey', Value: '2' }])
  })

  it('managed-policy tag keys are case-sensitive: a and A are two tags, exact duplicates get the short text', () => {
    const iam = fakeIam()
    const arn = iam.call('CreatePolicy', { PolicyName: 'p', PolicyDocument: ALLOW_S3_READ, Tags: [{ Key: 'a', Value: '1' }, { Key: 'A', Value: '2' }] }).Policy.Arn
    iam.call('UntagPolicy', { PolicyArn: arn, TagKeys: ['a'] })
    expect(iam.call('GetPolicy', { PolicyArn: arn }).Policy.Tags).toEqual([{ Key: 'A', Value: '2' }])
    const dup = errorOf(() => iam.call('CreatePolicy', { PolicyName: 'q', PolicyDocument: ALLOW_S3_READ, Tags: [{ Key: '0', Value: '1' }, { Key: '0', Value: '2' }] }))
    expect([dup.code, dup.message]).toEqual(['InvalidInput', 'Duplicate tag keys found.'])
  })
})
