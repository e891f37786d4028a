import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { stateFromJson, stateToJson } from '../../state/persist.js'
import { AwsServiceError } from '../types.js'
import { ACCOUNT, ALLOW_S3_READ, errorOf, fakeIam, trustFor, type FakeIam } from './testing/fake-context.js'
import { countPolicyUsage, policyUsage, usageWork } from './usage.js'

const TRUST = trustFor(`arn:aws:iam::${ACCOUNT}:root`)
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess'
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess'
const local = (name: string) => `arn:aws:iam::${ACCOUNT}:policy/${name}`

const counts = (iam: FakeIam, arn: string) => {
  const p = iam.call('GetPolicy', { PolicyArn: arn }).Policy
  return [p.AttachmentCount, p.PermissionsBoundaryUsageCount]
}

/** Every page of ListPolicies, as `arn -> [AttachmentCount, PermissionsBoundaryUsageCount]`. */
function listed(iam: FakeIam, params: Record<string, unknown> = {}): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>()
  let marker: string | undefined
  let pages = 0
  do {
    if (++pages > 1_000) throw new Error('the pages do not end')
    const page = iam.call('ListPolicies', { MaxItems: 4, ...params, ...(marker ? { Marker: marker } : {}) })
    for (const p of page.Policies) out.set(p.Arn, [p.AttachmentCount, p.PermissionsBoundaryUsageCount])
    marker = page.Marker
  } while (marker)
  return out
}

describe('AttachmentCount and PermissionsBoundaryUsageCount', () => {
  it('follow attach, detach, boundaries and deletions, for customer and AWS managed policies', () => {
    const iam = fakeIam()
    iam.call('CreatePolicy', { PolicyName: 'P', PolicyDocument: ALLOW_S3_READ })
    const P = local('P')
    expect(counts(iam, P)).toEqual([0, 0])
    expect(listed(iam).get(P)).toEqual([0, 0]) // the tally now exists: the rest is incremental
    iam.call('CreateUser', { UserName: 'u1', PermissionsBoundary: P })
    iam.call('CreateUser', { UserName: 'u2' })
    iam.call('CreateRole', { RoleName: 'r1', AssumeRolePolicyDocument: TRUST, PermissionsBoundary: ADMIN })
    iam.call('CreateGroup', { GroupName: 'g1' })
    expect([counts(iam, P), counts(iam, ADMIN)]).toEqual([[0, 1], [0, 1]])
    for (const [op, member, name] of [['AttachUserPolicy', 'UserName', 'u1'], ['AttachUserPolicy', 'UserName', 'u2'], ['AttachRolePolicy', 'RoleName', 'r1'], ['AttachGroupPolicy', 'GroupName', 'g1']]) {
      iam.call(op!, { [member!]: name, PolicyArn: P })
    }
    iam.call('AttachUserPolicy', { UserName: 'u1', PolicyArn: P }) // idempotent: no second count
    iam.call('AttachRolePolicy', { RoleName: 'r1', PolicyArn: ADMIN })
    expect([counts(iam, P), counts(iam, ADMIN)]).toEqual([[4, 1], [1, 1]])
    iam.call('PutRolePermissionsBoundary', { RoleName: 'r1', PermissionsBoundary: P }) // replaces ADMIN
    iam.call('PutUserPermissionsBoundary', { UserName: 'u1', PermissionsBoundary: P }) // same again
    expect([counts(iam, P), counts(iam, ADMIN)]).toEqual([[4, 2], [1, 0]])
    iam.call('DetachUserPolicy', { UserName: 'u2', PolicyArn: P })
    iam.call('DeleteUserPermissionsBoundary', { UserName: 'u1' })
    iam.call('DeleteUserPermissionsBoundary', { UserName: 'u1' }) // none left: nothing to uncount
    expect(counts(iam, P)).toEqual([3, 1])
    // Deleting a role (its boundary does not block it) stops its boundary counting.
    iam.call('DetachRolePolicy', { RoleName: 'r1', PolicyArn: P })
    iam.call('DetachRolePolicy', { RoleName: 'r1', PolicyArn: ADMIN })
    iam.call('DeleteRole', { RoleName: 'r1' })
    expect([counts(iam, P), counts(iam, ADMIN)]).toEqual([[2, 0], [0, 0]])
    // So does deleting a user that still has a boundary.
    iam.call('CreateUser', { UserName: 'u3', PermissionsBoundary: READ_ONLY })
    expect(counts(iam, READ_ONLY)).toEqual([0, 1])
    iam.call('DeleteUser', { UserName: 'u3' })
    expect(counts(iam, READ_ONLY)).toEqual([0, 0])
    // Renames keep what the entity uses.
    iam.call('UpdateUser', { UserName: 'u1', NewUserName: 'U1-renamed', NewPath: '/moved/' })
    iam.call('UpdateGroup', { GroupName: 'g1', NewGroupName: 'g1-renamed' })
    expect(counts(iam, P)).toEqual([2, 0])
    expect(listed(iam, { OnlyAttached: true })).toEqual(new Map([[P, [2, 0]]]))
    const conflict = errorOf(() => iam.call('DeletePolicy', { PolicyArn: P }))
    expect([conflict.code, conflict.message]).toEqual(['DeleteConflict', 'Cannot delete a policy attached to entities.'])
  })

  it('agree with a full recount after every step of random mutation sequences, and after a reload', () => {
    type Step = [op: string, input: Record<string, unknown>]
    const users = ['u0', 'U1', 'u2']
    const roles = ['r0', 'R1']
    const groups = ['g0', 'G1']
    const policies = [local('p0'), local('P1'), local('p2'), ADMIN, READ_ONLY]
    const pick = <T>(xs: T[]) => fc.constantFrom(...xs)
    const attach = (verb: string, kind: string, member: string, names: string[]) =>
      fc.tuple(pick(names), pick(policies)).map(([n, p]): Step => [`${verb}${kind}Policy`, { [member]: n, PolicyArn: p }])
    const step: fc.Arbitrary<Step> = fc.oneof(
      { weight: 3, arbitrary: attach('Attach', 'User', 'UserName', users) },
      { weight: 3, arbitrary: attach('Attach', 'Role', 'RoleName', roles) },
      { weight: 3, arbitrary: attach('Attach', 'Group', 'GroupName', groups) },
      { weight: 2, arbitrary: attach('Detach', 'User', 'UserName', users) },
      { weight: 2, arbitrary: attach('Detach', 'Role', 'RoleName', roles) },
      { weight: 2, arbitrary: attach('Detach', 'Group', 'GroupName', groups) },
      fc.tuple(pick(users), fc.option(pick(policies), { nil: undefined })).map(([u, b]): Step => ['CreateUser', { UserName: u, ...(b ? { PermissionsBoundary: b } : {}) }]),
      fc.tuple(pick(roles), fc.option(pick(policies), { nil: undefined })).map(([r, b]): Step => ['CreateRole', { RoleName: r, AssumeRolePolicyDocument: TRUST, ...(b ? { PermissionsBoundary: b } : {}) }]),
      pick(groups).map((g): Step => ['CreateGroup', { GroupName: g }]),
      pick(['p0', 'P1', 'p2']).map((p): Step => ['CreatePolicy', { PolicyName: p, PolicyDocument: ALLOW_S3_READ }]),
      pick(policies.slice(0, 3)).map((p): Step => ['DeletePolicy', { PolicyArn: p }]),
      fc.tuple(pick(users), pick(policies)).map(([u, p]): Step => ['PutUserPermissionsBoundary', { UserName: u, PermissionsBoundary: p }]),
      fc.tuple(pick(roles), pick(policies)).map(([r, p]): Step => ['PutRolePermissionsBoundary', { RoleName: r, PermissionsBoundary: p }]),
      pick(users).map((u): Step => ['DeleteUserPermissionsBoundary', { UserName: u }]),
      pick(roles).map((r): Step => ['DeleteRolePermissionsBoundary', { RoleName: r }]),
      pick(users).map((u): Step => ['DeleteUser', { UserName: u }]),
      pick(roles).map((r): Step => ['DeleteRole', { RoleName: r }]),
      pick(groups).map((g): Step => ['DeleteGroup', { GroupName: g }]),
      fc.tuple(pick(users), pick(users)).map(([u, v]): Step => ['UpdateUser', { UserName: u, NewUserName: v }]),
      fc.tuple(pick(groups), pick(groups)).map(([g, h]): Step => ['UpdateGroup', { GroupName: g, NewGroupName: h }]),
    )
    fc.assert(
      fc.property(fc.array(step, { minLength: 10, maxLength: 60, size: 'max' }), fc.boolean(), (steps, readFirst) => {
        const iam = fakeIam()
        // Counting before or only after the first change must not matter.
        if (readFirst) policyUsage(iam.account)
        const setup: Step[] = [
          ...['p0', 'P1', 'p2'].map((p): Step => ['CreatePolicy', { PolicyName: p, PolicyDocument: ALLOW_S3_READ }]),
          ['CreateUser', { UserName: 'u0', PermissionsBoundary: local('p0') }],
          ['CreateUser', { UserName: 'U1' }],
          ['CreateRole', { RoleName: 'r0', AssumeRolePolicyDocument: TRUST, PermissionsBoundary: ADMIN }],
          ['CreateGroup', { GroupName: 'g0' }],
        ]
        let succeeded = 0
        for (const [op, input] of [...setup, ...steps]) {
          try {
            iam.call(op, input)
            succeeded++
          } catch (e) {
            if (!(e instanceof AwsServiceError)) throw e // NoSuchEntity, DeleteConflict, ... are fine
          }
          const truth = countPolicyUsage(iam.account)
          const expected = (arn: string) => [truth.get(arn)?.attachments ?? 0, truth.get(arn)?.boundaries ?? 0]
          for (const [arn, got] of listed(iam)) expect([arn, got]).toEqual([arn, expected(arn)])
          const attached = [...listed(iam, { OnlyAttached: true }).keys()]
          const inUse = [...listed(iam)].filter(([arn]) => expected(arn)[0]! + expected(arn)[1]! > 0).map(([arn]) => arn)
          expect(attached).toEqual(inUse)
          const boundaries = [...listed(iam, { OnlyAttached: true, PolicyUsageFilter: 'PermissionsBoundary' }).keys()]
          expect(boundaries).toEqual(inUse.filter((arn) => expected(arn)[1]! > 0))
        }
        expect(succeeded).toBeGreaterThan(setup.length)
        // A reloaded state derives the same counts and the same listing orders.
        const reloaded = stateFromJson(stateToJson(iam.state)).accounts.get(ACCOUNT)!
        expect(countPolicyUsage(reloaded)).toEqual(new Map(policyUsage(iam.account)))
        for (const kind of ['users', 'roles', 'groups', 'policies'] as const) {
          expect(reloaded[kind].sortedValues().map((e) => e.arn)).toEqual(iam.account[kind].sortedValues().map((e) => e.arn))
        }
      }),
      { numRuns: 100 },
    )
  })

  it('are read from the tally: pages and mutations never recount the account', () => {
    const iam = fakeIam()
    for (let i = 0; i < 30; i++) iam.call('CreatePolicy', { PolicyName: `p${i}`, PolicyDocument: ALLOW_S3_READ })
    iam.call('CreateUser', { UserName: 'u' })
    iam.call('GetPolicy', { PolicyArn: local('p0') })
    const before = usageWork.scans
    iam.call('AttachUserPolicy', { UserName: 'u', PolicyArn: local('p7') })
    iam.call('PutUserPermissionsBoundary', { UserName: 'u', PermissionsBoundary: local('p8') })
    expect(listed(iam).get(local('p7'))).toEqual([1, 0])
    expect(listed(iam, { OnlyAttached: true, Scope: 'Local' })).toEqual(new Map([[local('p7'), [1, 0]], [local('p8'), [0, 1]]]))
    expect(counts(iam, local('p8'))).toEqual([0, 1])
    iam.call('GetAccountSummary', {})
    expect(usageWork.scans).toBe(before)
  })
})
