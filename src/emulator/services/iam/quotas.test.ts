import { describe, expect, it } from 'vitest'
import { DEFAULT_ACCOUNT_QUOTAS, parseQuotaSpecs, resolveQuotas } from './quotas.js'
import { errorOf, fakeIam, trustFor, ACCOUNT } from './testing/fake-context.js'

const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] })

describe('account quotas', () => {
  it("enforce AWS's defaults: 5000 users, 1000 roles, 1500 customer managed policies, 300 groups", () => {
    const iam = fakeIam()
    const fill: Array<[string, number, (i: number) => Record<string, unknown>, string]> = [
      ['CreateUser', 5000, (i) => ({ UserName: `u${i}` }), 'UsersPerAccount: 5000'],
      ['CreateRole', 1000, (i) => ({ RoleName: `r${i}`, AssumeRolePolicyDocument: trustFor(ACCOUNT) }), 'RolesPerAccount: 1000'],
      ['CreatePolicy', 1500, (i) => ({ PolicyName: `p${i}`, PolicyDocument: doc }), 'PoliciesPerAccount: 1500'],
      ['CreateGroup', 300, (i) => ({ GroupName: `g${i}` }), 'GroupsPerAccount: 300'],
    ]
    for (const [op, limit, input, quota] of fill) {
      for (let i = 0; i < limit; i++) iam.call(op, input(i))
      const e = errorOf(() => iam.call(op, input(limit)))
      expect([e.code, e.status, e.message]).toEqual(['LimitExceeded', 409, `Cannot exceed quota for ${quota}`])
      // A duplicate name is still EntityAlreadyExists, not the quota.
      expect(errorOf(() => iam.call(op, input(0))).code).toBe('EntityAlreadyExists')
    }
    expect(iam.account.users.size).toBe(5000)
    expect(iam.account.policies.size).toBe(1500)
  })

  it('a deleted entity frees its slot', () => {
    const iam = fakeIam()
    for (let i = 0; i < 300; i++) iam.call('CreateGroup', { GroupName: `g${i}` })
    expect(errorOf(() => iam.call('CreateGroup', { GroupName: 'one-more' })).code).toBe('LimitExceeded')
    iam.call('DeleteGroup', { GroupName: 'g7' })
    expect(iam.call('CreateGroup', { GroupName: 'one-more' }).Group.GroupName).toBe('one-more')
  })

  it('resolveQuotas overrides the defaults and refuses unknown names and bad numbers', () => {
    expect(resolveQuotas()).toEqual(DEFAULT_ACCOUNT_QUOTAS)
    expect(resolveQuotas({ users: 20000, roles: 0 })).toEqual({ users: 20000, roles: 0, policies: 1500, groups: 300 })
    expect(() => resolveQuotas({ buckets: 5 })).toThrow("unknown quota 'buckets' (known: users, roles, policies, groups)")
    expect(() => resolveQuotas({ users: -1 })).toThrow('quota users must be a non-negative integer, got -1')
    expect(() => resolveQuotas({ users: 1.5 })).toThrow('quota users must be a non-negative integer, got 1.5')
  })

  it('parseQuotaSpecs reads name=N flags', () => {
    expect(parseQuotaSpecs(['users=10000', 'policies=12000'])).toEqual({ users: 10000, policies: 12000 })
    expect(() => parseQuotaSpecs(['users'])).toThrow("--quota takes name=N (names: users, roles, policies, groups), got 'users'")
    expect(() => parseQuotaSpecs(['users=-3'])).toThrow("got 'users=-3'")
    expect(() => parseQuotaSpecs(['keys=3'])).toThrow("unknown quota 'keys'")
  })
})
