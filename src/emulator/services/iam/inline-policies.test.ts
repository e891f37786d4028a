import { describe, expect, it } from 'vitest'
import { ACCOUNT, ALLOW_S3_READ, errorOf, fakeIam, trustFor } from './testing/fake-context.js'

/** A valid identity policy of exactly `size` characters as IAM counts them (no whitespace). */
function policyOfSize(size: number): string {
  const head = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::'
  const tail = '"}]}'
  return head + 'b'.repeat(size - head.length - tail.length) + tail
}

describe('inline policies', () => {
  it('put/get/list/delete on a user, documents URL-encoded on the way out', () => {
    const iam = fakeIam()
    iam.consistencyDelayMs = 2000
    iam.call('CreateUser', { UserName: 'u' })
    expect(iam.call('PutUserPolicy', { UserName: 'u', PolicyName: 'read', PolicyDocument: ALLOW_S3_READ })).toBeUndefined()
    expect(iam.account.users.get('u')!.inline).toEqual([{ name: 'read', document: ALLOW_S3_READ, effectiveAt: iam.now + 2000 }])
    const got = iam.call('GetUserPolicy', { UserName: 'U', PolicyName: 'read' })
    expect(got).toEqual({ UserName: 'u', PolicyName: 'read', PolicyDocument: encodeURIComponent(ALLOW_S3_READ).replace('*', '%2A') })
    iam.call('PutUserPolicy', { UserName: 'u', PolicyName: 'another', PolicyDocument: ALLOW_S3_READ })
    expect(iam.call('ListUserPolicies', { UserName: 'u' }).PolicyNames).toEqual(['another', 'read'])
    iam.call('DeleteUserPolicy', { UserName: 'u', PolicyName: 'read' })
    const e = errorOf(() => iam.call('GetUserPolicy', { UserName: 'u', PolicyName: 'read' }))
    expect([e.code, e.status, e.message]).toEqual(['NoSuchEntity', 404, 'The user policy with name read cannot be found.'])
  })

  it('replacing a policy does not double-count it; the aggregate user quota is 2048', () => {
    const iam = fakeIam()
    iam.call('CreateUser', { UserName: 'u' })
    iam.call('PutUserPolicy', { UserName: 'u', PolicyName: 'a', PolicyDocument: policyOfSize(1500) })
    iam.call('PutUserPolicy', { UserName: 'u', PolicyName: 'a', PolicyDocument: policyOfSize(1600) })
    iam.call('PutUserPolicy', { UserName: 'u', PolicyName: 'b', PolicyDocument: policyOfSize(448) })
    const e = errorOf(() => iam.call('PutUserPolicy', { UserName: 'u', PolicyName: 'c', PolicyDocument: policyOfSize(120) }))
    expect([e.code, e.status, e.message]).toEqual(['LimitExceeded', 409, 'Maximum policy size of 2048 bytes exceeded for user u'])
  })

  it('role (10240) and group (5120) quotas, and kind-specific messages', () => {
    const iam = fakeIam()
    iam.call('CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: trustFor(ACCOUNT) })
    iam.call('PutRolePolicy', { RoleName: 'r', PolicyName: 'a', PolicyDocument: policyOfSize(10240) })
    const r = errorOf(() => iam.call('PutRolePolicy', { RoleName: 'r', PolicyName: 'b', PolicyDocument: policyOfSize(120) }))
    expect(r.message).toBe('Maximum policy size of 10240 bytes exceeded for role r')
    iam.call('CreateGroup', { GroupName: 'g' })
    const g = errorOf(() => iam.call('PutGroupPolicy', { GroupName: 'g', PolicyName: 'a', PolicyDocument: policyOfSize(5121) }))
    expect(g.message).toBe('Maximum policy size of 5120 bytes exceeded for group g')
    expect(errorOf(() => iam.call('GetRolePolicy', { RoleName: 'r', PolicyName: 'x' })).message).toBe(
      'The role policy with name x cannot be found.',
    )
    expect(errorOf(() => iam.call('DeleteGroupPolicy', { GroupName: 'g', PolicyName: 'x' })).message).toBe(
      'The group policy with name x cannot be found.',
    )
    expect(iam.call('GetRolePolicy', { RoleName: 'r', PolicyName: 'a' }).RoleName).toBe('r')
  })

  it('validates documents as identity policies', () => {
    const iam = fakeIam()
    iam.call('CreateUser', { UserName: 'u' })
    const noResource = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject' }] })
    const e = errorOf(() => iam.call('PutUserPolicy', { UserName: 'u', PolicyName: 'p', PolicyDocument: noResource }))
    expect([e.code, e.status, e.message]).toEqual(['MalformedPolicyDocument', 400, 'Policy statement must contain resources.'])
    expect(iam.account.users.get('u')!.inline).toEqual([])
  })

  it('authorizes on the entity with its current boundary, before looking it up', () => {
    const iam = fakeIam({ deny: (action) => action === 'iam:PutRolePolicy' })
    iam.call('CreateRole', {
      RoleName: 'r',
      AssumeRolePolicyDocument: trustFor(ACCOUNT),
      PermissionsBoundary: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      Tags: [{ Key: 'team', Value: 'a' }],
    })
    expect(errorOf(() => iam.call('PutRolePolicy', { RoleName: 'r', PolicyName: 'p', PolicyDocument: ALLOW_S3_READ })).code).toBe('AccessDenied')
    expect(iam.calls.at(-1)).toEqual({
      action: 'iam:PutRolePolicy',
      resource: `arn:aws:iam::${ACCOUNT}:role/r`,
      opts: {
        context: {
          'aws:ResourceTag/team': 'a',
          'iam:ResourceTag/team': 'a',
          'iam:PermissionsBoundary': 'arn:aws:iam::aws:policy/ReadOnlyAccess',
        },
        denialResource: 'role r',
      },
    })
    expect(iam.account.roles.get('r')!.inline).toEqual([])
  })
})
