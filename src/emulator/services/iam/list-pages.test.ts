import { describe, expect, it } from 'vitest'
import { listAwsManagedPolicies } from '../../managed-policies/index.js'
import { sortedPageWork } from './paginate.js'
import { ACCOUNT, ALLOW_S3_READ, fakeIam, trustFor, type FakeIam } from './testing/fake-context.js'

/** ListUsers/ListRoles/ListGroups/ListPolicies: order, markers across changes, bounded work. */

const TRUST = trustFor(`arn:aws:iam::${ACCOUNT}:root`)
const pad = (i: number) => String(i).padStart(2, '0')
const order = (names: string[]) => [...names].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1))

const LISTS = {
  users: { op: 'ListUsers', member: 'Users', name: 'UserName' },
  roles: { op: 'ListRoles', member: 'Roles', name: 'RoleName' },
  groups: { op: 'ListGroups', member: 'Groups', name: 'GroupName' },
} as const

function create(iam: FakeIam, kind: keyof typeof LISTS, name: string, path = '/') {
  if (kind === 'users') iam.call('CreateUser', { UserName: name, Path: path })
  else if (kind === 'roles') iam.call('CreateRole', { RoleName: name, Path: path, AssumeRolePolicyDocument: TRUST })
  else iam.call('CreateGroup', { GroupName: name, Path: path })
}

function page(iam: FakeIam, kind: keyof typeof LISTS, params: Record<string, unknown>) {
  const l = LISTS[kind]
  const out = iam.call(l.op, params)
  return { names: out[l.member].map((e: Record<string, string>) => e[l.name]) as string[], marker: out.Marker as string | undefined, truncated: out.IsTruncated as boolean }
}

function all(iam: FakeIam, kind: keyof typeof LISTS, params: Record<string, unknown> = {}, max = 7): string[] {
  const names: string[] = []
  let marker: string | undefined
  do {
    const p = page(iam, kind, { MaxItems: max, ...params, ...(marker ? { Marker: marker } : {}) })
    names.push(...p.names)
    expect(p.truncated).toBe(p.marker !== undefined)
    marker = p.marker
    if (names.length > 10_000) throw new Error('the pages do not end')
  } while (marker)
  return names
}

describe.each(Object.keys(LISTS) as Array<keyof typeof LISTS>)('%s listing', (kind) => {
  it('lists by name case-insensitively, whatever the creation order, over pages', () => {
    const iam = fakeIam()
    const names = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? `Name-${pad(i)}` : `name-${pad(i)}`))
    for (let i = 0; i < 30; i++) create(iam, kind, names[(i * 7) % 30]!)
    create(iam, kind, '_first')
    create(iam, kind, 'Zz')
    expect(all(iam, kind)).toEqual(['_first', ...names, 'Zz'])
    expect(all(iam, kind, {}, 100)).toEqual(order([...names, '_first', 'Zz']))
  })

  it('filters by PathPrefix while paging', () => {
    const iam = fakeIam()
    for (let i = 0; i < 20; i++) create(iam, kind, `n${pad(i)}`, i % 4 === 0 ? '/team/a/' : i % 4 === 1 ? '/team/' : '/other/')
    expect(all(iam, kind, { PathPrefix: '/team/a/' }, 2)).toEqual(['n00', 'n04', 'n08', 'n12', 'n16'])
    expect(all(iam, kind, { PathPrefix: '/team/' }, 3)).toEqual(['n00', 'n01', 'n04', 'n05', 'n08', 'n09', 'n12', 'n13', 'n16', 'n17'])
    expect(all(iam, kind, { PathPrefix: '/none/' })).toEqual([])
  })
})

describe('markers across changes made between pages', () => {
  it('ListUsers: deleted, renamed and new users around the marker', () => {
    const iam = fakeIam()
    for (let i = 0; i < 30; i++) iam.call('CreateUser', { UserName: `user-${pad((i * 11) % 30)}` })
    const first = page(iam, 'users', { MaxItems: 10 })
    expect(first.names).toEqual(Array.from({ length: 10 }, (_, i) => `user-${pad(i)}`))
    iam.call('DeleteUser', { UserName: 'user-09' }) // the marker's own user
    iam.call('DeleteUser', { UserName: 'user-12' }) // one on the next page
    iam.call('UpdateUser', { UserName: 'user-15', NewUserName: 'a-renamed' }) // moves before the marker
    iam.call('UpdateUser', { UserName: 'user-03', NewUserName: 'USER-19b' }) // seen, moves after it
    iam.call('UpdateUser', { UserName: 'user-11', NewPath: '/moved/' }) // path only: stays in place
    iam.call('CreateUser', { UserName: 'user-09a' }) // new, after the marker
    const rest = all(iam, 'users', { Marker: first.marker }, 4)
    expect(rest).toEqual([
      'user-09a', 'user-10', 'user-11', 'user-13', 'user-14', 'user-16', 'user-17', 'user-18', 'user-19', 'USER-19b',
      ...Array.from({ length: 10 }, (_, i) => `user-${20 + i}`),
    ])
    expect(all(iam, 'users').slice(0, 2)).toEqual(['a-renamed', 'user-00'])
  })

  it('ListGroups: a group renamed across the marker, then deleted', () => {
    const iam = fakeIam()
    for (const g of ['d', 'a', 'c', 'e', 'b']) iam.call('CreateGroup', { GroupName: g })
    const first = page(iam, 'groups', { MaxItems: 2 })
    expect(first.names).toEqual(['a', 'b'])
    iam.call('UpdateGroup', { GroupName: 'a', NewGroupName: 'cc' })
    expect(all(iam, 'groups', { Marker: first.marker }, 2)).toEqual(['c', 'cc', 'd', 'e'])
    iam.call('DeleteGroup', { GroupName: 'cc' })
    iam.call('DeleteGroup', { GroupName: 'd' })
    expect(all(iam, 'groups', { Marker: first.marker }, 2)).toEqual(['c', 'e'])
  })

  it('ListRoles: the marker stays valid when every role before and at it is deleted', () => {
    const iam = fakeIam()
    for (let i = 0; i < 9; i++) iam.call('CreateRole', { RoleName: `r${i}`, AssumeRolePolicyDocument: TRUST })
    const first = page(iam, 'roles', { MaxItems: 3 })
    for (const r of ['r0', 'r1', 'r2']) iam.call('DeleteRole', { RoleName: r })
    expect(all(iam, 'roles', { Marker: first.marker }, 3)).toEqual(['r3', 'r4', 'r5', 'r6', 'r7', 'r8'])
  })
})

describe('ListPolicies order', () => {
  const aws = listAwsManagedPolicies()
  const key = (p: { name: string; id: string }) => `${p.name.toLowerCase()}\u0000${p.id}`

  function policies(iam: FakeIam, params: Record<string, unknown>, max = 3) {
    const out: Array<{ name: string; id: string; arn: string }> = []
    let marker: string | undefined
    do {
      const p = iam.call('ListPolicies', { MaxItems: max, ...params, ...(marker ? { Marker: marker } : {}) })
      out.push(...p.Policies.map((x: Record<string, string>) => ({ name: x.PolicyName, id: x.PolicyId, arn: x.Arn })))
      marker = p.Marker
      if (out.length > 10_000) throw new Error('the pages do not end')
    } while (marker)
    return out
  }

  it('merges AWS and customer managed policies by name (then id) for Scope All; AWS or Local alone otherwise', () => {
    const iam = fakeIam()
    // Customer policies may reuse an AWS managed policy's name; the id breaks the tie.
    for (const name of ['zeta', 'AdministratorAccess', 'alpha', 'iamreadonlyaccess', 'Mid']) {
      iam.call('CreatePolicy', { PolicyName: name, PolicyDocument: ALLOW_S3_READ, Path: name === 'Mid' ? '/job-function/' : '/' })
    }
    const local = [...iam.account.policies.values()].map((p) => ({ name: p.name, id: p.id, arn: p.arn }))
    const awsRows = aws.map((p) => ({ name: p.name, id: p.id, arn: p.arn }))
    const sorted = (xs: typeof local) => [...xs].sort((a, b) => (key(a) < key(b) ? -1 : 1))
    expect(policies(iam, {})).toEqual(sorted([...awsRows, ...local]))
    expect(policies(iam, { Scope: 'All' }, 100)).toEqual(sorted([...awsRows, ...local]))
    expect(policies(iam, { Scope: 'AWS' }, 2)).toEqual(sorted(awsRows))
    expect(policies(iam, { Scope: 'Local' }, 2).map((p) => p.name)).toEqual(['AdministratorAccess', 'alpha', 'iamreadonlyaccess', 'Mid', 'zeta'])
    const jobFunction = [...aws.filter((p) => p.path === '/job-function/').map((p) => p.name), 'Mid']
    expect(policies(iam, { PathPrefix: '/job-function/' }, 1).map((p) => p.name)).toEqual(order(jobFunction))
  })

  it('continues after a marker whose policy was deleted', () => {
    const iam = fakeIam()
    for (let i = 0; i < 6; i++) iam.call('CreatePolicy', { PolicyName: `p${i}`, PolicyDocument: ALLOW_S3_READ })
    const first = iam.call('ListPolicies', { Scope: 'Local', MaxItems: 2 })
    expect(first.Policies.map((p: { PolicyName: string }) => p.PolicyName)).toEqual(['p0', 'p1'])
    iam.call('DeletePolicy', { PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/p1` })
    iam.call('DeletePolicy', { PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/p2` })
    const next = iam.call('ListPolicies', { Scope: 'Local', MaxItems: 2, Marker: first.Marker })
    expect(next.Policies.map((p: { PolicyName: string }) => p.PolicyName)).toEqual(['p3', 'p4'])
  })
})

describe('work per page', () => {
  /** Probes and entries visited by one call. */
  function work(fn: () => void) {
    sortedPageWork.probes = 0
    sortedPageWork.visited = 0
    fn()
    return { ...sortedPageWork }
  }
  const log2 = (n: number) => Math.ceil(Math.log2(n + 1))

  it('does not grow with the number of users, roles or policies: one binary search and MaxItems + 1 visits', () => {
    const small = fakeIam()
    const big = fakeIam()
    const fill = (iam: FakeIam, n: number) => {
      for (let i = 0; i < n; i++) {
        const name = `e-${String((i * 7919) % n).padStart(4, '0')}`
        iam.call('CreateUser', { UserName: name })
        if (i < 900) iam.call('CreateRole', { RoleName: name, AssumeRolePolicyDocument: TRUST })
        iam.call('CreatePolicy', { PolicyName: name, PolicyDocument: ALLOW_S3_READ })
      }
    }
    fill(small, 150)
    fill(big, 1400)
    const users = (iam: FakeIam, params: Record<string, unknown>) => work(() => iam.call('ListUsers', { MaxItems: 100, ...params }))
    expect(users(big, {})).toEqual({ probes: 0, visited: 101 })
    expect(users(big, {})).toEqual(users(small, {}))
    expect(work(() => big.call('ListRoles', { MaxItems: 100 }))).toEqual({ probes: 0, visited: 101 })
    expect(work(() => big.call('ListPolicies', { Scope: 'Local', MaxItems: 100 }))).toEqual({ probes: 0, visited: 101 })
    expect(work(() => big.call('ListPolicies', { MaxItems: 100 }))).toEqual({ probes: 0, visited: 101 })
    // A page deep in the list: a binary search to the marker, then the same walk.
    const deep = (iam: FakeIam, op: string, params: Record<string, unknown> = {}) => {
      let marker: string | undefined
      for (let i = 0; i < 5; i++) marker = iam.call(op, { MaxItems: 100, ...params, ...(marker ? { Marker: marker } : {}) }).Marker
      return work(() => iam.call(op, { MaxItems: 100, Marker: marker, ...params }))
    }
    for (const [w, bound] of [
      [deep(big, 'ListUsers'), log2(1400)],
      [deep(big, 'ListRoles'), log2(900)],
      [deep(big, 'ListPolicies', { Scope: 'Local' }), log2(1400)],
      [deep(big, 'ListPolicies', { Scope: 'All' }), log2(1400) + log2(listAwsManagedPolicies().length)],
    ] as const) {
      expect(w.visited).toBe(101)
      expect(w.probes).toBeGreaterThan(0)
      expect(w.probes).toBeLessThanOrEqual(bound)
    }
  })
})
