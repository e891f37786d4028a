import { describe, expect, it } from 'vitest'
import { ACCOUNT, ROOT_KEY, errorOf, fakeIam, trustFor } from './testing/fake-context.js'

describe('access keys', () => {
  it('creates AKIA keys with 40-char secrets, effective after the consistency delay', () => {
    const iam = fakeIam()
    iam.consistencyDelayMs = 8000
    iam.call('CreateUser', { UserName: 'alice' })
    const out = iam.call('CreateAccessKey', { UserName: 'ALICE' }).AccessKey
    expect(Object.keys(out)).toEqual(['UserName', 'AccessKeyId', 'Status', 'SecretAccessKey', 'CreateDate'])
    expect(out.UserName).toBe('alice')
    expect(out.AccessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/)
    expect(out.SecretAccessKey).toMatch(/^[A-Za-z0-9/+]{40}$/)
    expect(out.Status).toBe('Active')
    const stored = iam.state.accessKeys.get(out.AccessKeyId)!
    expect(stored).toMatchObject({ accountId: ACCOUNT, userName: 'alice', effectiveAt: iam.now + 8000 })
    expect(iam.calls.at(-1)).toEqual({ action: 'iam:CreateAccessKey', resource: `arn:aws:iam::${ACCOUNT}:user/alice`, opts: { denialResource: 'user alice' } })
  })

  it('allows two keys per user, then LimitExceeded', () => {
    const iam = fakeIam()
    iam.call('CreateUser', { UserName: 'u' })
    iam.call('CreateAccessKey', { UserName: 'u' })
    iam.call('CreateAccessKey', { UserName: 'u' })
    const e = errorOf(() => iam.call('CreateAccessKey', { UserName: 'u' }))
    expect([e.code, e.status, e.message]).toEqual(['LimitExceeded', 409, 'Cannot exceed quota for AccessKeysPerUser: 2'])
  })

  it('defaults to the caller: a user gets its own key, the root a root key', () => {
    const iam = fakeIam()
    iam.call('CreateUser', { UserName: 'alice' })
    iam.asUser('alice')
    expect(iam.call('CreateAccessKey', {}).AccessKey.UserName).toBe('alice')
    iam.asRoot()
    const root = iam.call('CreateAccessKey', {}).AccessKey
    expect(root.UserName).toBeUndefined()
    expect(iam.state.accessKeys.get(root.AccessKeyId)!.userName).toBeUndefined()
    expect(iam.calls.at(-1)!.resource).toBe(`arn:aws:iam::${ACCOUNT}:root`)
    // The root already had the example key: a third is refused.
    expect(errorOf(() => iam.call('CreateAccessKey', {})).message).toBe('Cannot exceed quota for AccessKeysPerUser: 2')
    const listed = iam.call('ListAccessKeys', {}).AccessKeyMetadata.map((k: { AccessKeyId: string }) => k.AccessKeyId)
    expect(listed).toEqual([ROOT_KEY, root.AccessKeyId])
  })

  it('a role session must name the user', () => {
    const iam = fakeIam()
    iam.call('CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: trustFor(ACCOUNT) })
    iam.asRoleSession('r', 's')
    expect(errorOf(() => iam.call('ListAccessKeys', {})).code).toBe('ValidationError')
  })

  it('lists without secrets, updates status, deletes; unknown ids get AWS wording', () => {
    const iam = fakeIam()
    iam.call('CreateUser', { UserName: 'u' })
    iam.call('CreateUser', { UserName: 'v' })
    const id = iam.call('CreateAccessKey', { UserName: 'u' }).AccessKey.AccessKeyId
    const meta = iam.call('ListAccessKeys', { UserName: 'u' })
    expect(meta.AccessKeyMetadata).toEqual([{ UserName: 'u', AccessKeyId: id, Status: 'Active', CreateDate: new Date(iam.now) }])
    expect(meta.IsTruncated).toBe(false)
    iam.call('UpdateAccessKey', { UserName: 'u', AccessKeyId: id, Status: 'Inactive' })
    expect(iam.state.accessKeys.get(id)!.status).toBe('Inactive')
    const badStatus = errorOf(() => iam.call('UpdateAccessKey', { UserName: 'u', AccessKeyId: id, Status: 'Off' }))
    expect(badStatus.message).toBe(
      "1 validation error detected: Value at 'status' failed to satisfy constraint: Member must satisfy enum value set",
    )
    const wrongOwner = errorOf(() => iam.call('DeleteAccessKey', { UserName: 'v', AccessKeyId: id }))
    expect([wrongOwner.code, wrongOwner.status, wrongOwner.message]).toEqual(['NoSuchEntity', 404, `The Access Key with id ${id} cannot be found.`])
    iam.call('DeleteAccessKey', { UserName: 'u', AccessKeyId: id })
    expect(iam.state.accessKeys.has(id)).toBe(false)
  })

  it('GetAccessKeyLastUsed reports N/A until used', () => {
    const iam = fakeIam()
    iam.call('CreateUser', { UserName: 'u' })
    const id = iam.call('CreateAccessKey', { UserName: 'u' }).AccessKey.AccessKeyId
    expect(iam.call('GetAccessKeyLastUsed', { AccessKeyId: id })).toEqual({
      UserName: 'u',
      AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' },
    })
    iam.state.accessKeys.get(id)!.lastUsed = { date: iam.now, service: 's3', region: 'us-east-1' }
    expect(iam.call('GetAccessKeyLastUsed', { AccessKeyId: id }).AccessKeyLastUsed).toEqual({
      LastUsedDate: new Date(iam.now),
      ServiceName: 's3',
      Region: 'us-east-1',
    })
  })

  it('GetAccessKeyLastUsed on a key the account does not own is denied to everyone, in IAM words, without revealing it', () => {
    const iam = fakeIam()
    const e = errorOf(() => iam.call('GetAccessKeyLastUsed', { AccessKeyId: 'AKIAZZZZZZZZZZZZZZZZ' }))
    expect([e.code, e.status]).toEqual(['AccessDenied', 403])
    expect(e.message).toMatch(/^User: arn:aws:iam::\d{12}:\S+ is not authorized to perform iam:GetAccessKeyLastUsed on resource: access key AKIAZZZZZZZZZZZZZZZZ$/)
  })
})
