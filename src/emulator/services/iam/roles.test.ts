import { describe, expect, it } from 'vitest'
import { objectMap } from '../../state/model.js'
import { ACCOUNT, errorOf, fakeIam, trustFor } from './testing/fake-context.js'

const TRUST = trustFor(`arn:aws:iam::${ACCOUNT}:root`)

describe('CreateRole', () => {
  it('creates a role with AROA id, URL-encoded trust policy and default MaxSessionDuration', () => {
    const iam = fakeIam()
    iam.consistencyDelayMs = 5000
    const out = iam.call('CreateRole', { RoleName: 'Deployer', Path: '/ci/', AssumeRolePolicyDocument: TRUST, Description: 'ci role' })
    expect(Object.keys(out.Role).filter((k) => out.Role[k] !== undefined)).toEqual([
      'Path',
      'RoleName',
      'RoleId',
      'Arn',
      'CreateDate',
      'AssumeRolePolicyDocument',
      'Description',
      'MaxSessionDuration',
    ])
    expect(out.Role.RoleId).toMatch(/^AROA[A-Z0-9]{17}$/)
    expect(out.Role.Arn).toBe(`arn:aws:iam::${ACCOUNT}:role/ci/Deployer`)
    expect(out.Role.AssumeRolePolicyDocument).toBe(encodeURIComponent(TRUST))
    expect(out.Role.AssumeRolePolicyDocument.startsWith('%7B%22Version%22%3A%222012-10-17%22')).toBe(true)
    expect(out.Role.MaxSessionDuration).toBe(3600)
    const stored = iam.account.roles.get('deployer')!
    expect(stored.trustPolicy).toBe(TRUST)
    expect(stored.trustEffectiveAt).toBe(iam.now + 5000)
  })

  it('accepts an account id or root as principal and stores it as given', () => {
    const iam = fakeIam()
    iam.call('CreateRole', { RoleName: 'a', AssumeRolePolicyDocument: trustFor('111122223333') })
    expect(iam.account.roles.get('a')!.trustPolicy).toBe(trustFor('111122223333'))
    iam.call('CreateRole', { RoleName: 'b', AssumeRolePolicyDocument: trustFor('arn:aws:iam::111122223333:root') })
  })

  it('refuses a trust policy naming a principal that does not exist', () => {
    const iam = fakeIam()
    const ghost = `arn:aws:iam::${ACCOUNT}:user/ghost`
    const e = errorOf(() => iam.call('CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: trustFor(ghost) }))
    expect([e.code, e.status, e.message]).toEqual(['MalformedPolicyDocument', 400, `Invalid principal in policy: "AWS":"${ghost}"`])
    expect(iam.account.roles.size).toBe(0)
    iam.call('CreateUser', { UserName: 'ghost' })
    iam.call('CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: trustFor(ghost) })
    const other = 'arn:aws:iam::111122223333:user/someone'
    const e2 = errorOf(() => iam.call('CreateRole', { RoleName: 'r2', AssumeRolePolicyDocument: trustFor(other) }))
    expect(e2.message).toBe(`Invalid principal in policy: "AWS":"${other}"`)
  })

  it('refuses malformed trust policies with AWS messages', () => {
    const iam = fakeIam()
    const withResource = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'sts:AssumeRole', Resource: '*' }],
    })
    const e = errorOf(() => iam.call('CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: withResource }))
    expect([e.code, e.message]).toEqual(['MalformedPolicyDocument', 'Has prohibited field Resource'])
    const notJson = errorOf(() => iam.call('CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: '{nope' }))
    expect([notJson.code, notJson.message]).toEqual(['MalformedPolicyDocument', 'This policy contains invalid Json'])
  })

  it('enforces the 2048-character trust policy quota (whitespace not counted)', () => {
    const iam = fakeIam()
    const statement = { Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'sts:AssumeRole' }
    const big = JSON.stringify({ Version: '2012-10-17', Statement: Array.from({ length: 40 }, () => statement) })
    expect(big.length).toBeGreaterThan(2048)
    const e = errorOf(() => iam.call('CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: big }))
    expect([e.code, e.status, e.message]).toEqual(['LimitExceeded', 409, 'Cannot exceed quota for ACLSizePerRole: 2048'])
    const compact = JSON.stringify({ Version: '2012-10-17', Statement: [statement] })
    const spaced = `{${' '.repeat(3000)}${compact.slice(1)}`
    expect(spaced.length).toBeGreaterThan(2048)
    iam.call('CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: spaced })
  })

  it('checks MaxSessionDuration against 3600..43200', () => {
    const iam = fakeIam()
    const e = errorOf(() => iam.call('CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: TRUST, MaxSessionDuration: '100' }))
    expect(e.message).toBe(
      "1 validation error detected: Value at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600",
    )
    const ok = iam.call('CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: TRUST, MaxSessionDuration: '43200' })
    expect(ok.Role.MaxSessionDuration).toBe(43200)
  })

  it('refuses duplicates case-insensitively', () => {
    const iam = fakeIam()
    iam.call('CreateRole', { RoleName: 'Role', AssumeRolePolicyDocument: TRUST })
    const e = errorOf(() => iam.call('CreateRole', { RoleName: 'role', AssumeRolePolicyDocument: TRUST }))
    expect([e.code, e.status, e.message]).toEqual(['EntityAlreadyExists', 409, 'Role with name role already exists.'])
  })
})

describe('GetRole / ListRoles', () => {
  it('GetRole has RoleLastUsed (empty when never used), boundary and tags; ListRoles has none of them', () => {
    const iam = fakeIam()
    iam.call('CreateRole', {
      RoleName: 'r',
      AssumeRolePolicyDocument: TRUST,
      PermissionsBoundary: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      Tags: [{ Key: 'env', Value: 'dev' }],
    })
    const role = iam.call('GetRole', { RoleName: 'R' }).Role
    expect(role.RoleLastUsed).toEqual({})
    expect(role.Tags).toEqual([{ Key: 'env', Value: 'dev' }])
    expect(role.PermissionsBoundary.PermissionsBoundaryArn).toBe('arn:aws:iam::aws:policy/ReadOnlyAccess')
    iam.account.roles.get('r')!.lastUsed = { date: iam.now, region: 'us-east-1' }
    expect(iam.call('GetRole', { RoleName: 'r' }).Role.RoleLastUsed).toEqual({ LastUsedDate: new Date(iam.now), Region: 'us-east-1' })
    const listed = iam.call('ListRoles', {}).Roles[0]
    expect(listed.Tags).toBeUndefined()
    expect(listed.PermissionsBoundary).toBeUndefined()
    expect(listed.RoleLastUsed).toBeUndefined()
    expect(listed.AssumeRolePolicyDocument).toBe(encodeURIComponent(TRUST))
  })

  it('missing role: NoSuchEntity', () => {
    const e = errorOf(() => fakeIam().call('GetRole', { RoleName: 'nope' }))
    expect([e.code, e.status, e.message]).toEqual(['NoSuchEntity', 404, 'The role with name nope cannot be found.'])
  })
})

describe('UpdateRole / UpdateRoleDescription / UpdateAssumeRolePolicy', () => {
  it('updates description and duration, and replaces the trust policy with a new effective time', () => {
    const iam = fakeIam()
    iam.call('CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: TRUST })
    expect(iam.call('UpdateRole', { RoleName: 'r', Description: 'd', MaxSessionDuration: '7200' })).toEqual({})
    expect(iam.call('UpdateRoleDescription', { RoleName: 'r', Description: 'e' }).Role.Description).toBe('e')
    expect(iam.account.roles.get('r')!.maxSessionDuration).toBe(7200)
    iam.now += 1000
    iam.consistencyDelayMs = 10_000
    const next = trustFor('111122223333')
    iam.call('UpdateAssumeRolePolicy', { RoleName: 'r', PolicyDocument: next })
    expect(iam.account.roles.get('r')!.trustPolicy).toBe(next)
    expect(iam.account.roles.get('r')!.trustEffectiveAt).toBe(iam.now + 10_000)
    const bad = errorOf(() => iam.call('UpdateAssumeRolePolicy', { RoleName: 'r', PolicyDocument: trustFor(`arn:aws:iam::${ACCOUNT}:role/none`) }))
    expect(bad.message).toBe(`Invalid principal in policy: "AWS":"arn:aws:iam::${ACCOUNT}:role/none"`)
    expect(iam.account.roles.get('r')!.trustPolicy).toBe(next)
  })
})

describe('DeleteRole', () => {
  it('refuses while policies remain; a boundary does not block', () => {
    const iam = fakeIam()
    iam.call('CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: TRUST, PermissionsBoundary: 'arn:aws:iam::aws:policy/ReadOnlyAccess' })
    iam.call('PutRolePolicy', {
      RoleName: 'r',
      PolicyName: 'inline',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }),
    })
    iam.call('AttachRolePolicy', { RoleName: 'r', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' })
    expect(errorOf(() => iam.call('DeleteRole', { RoleName: 'r' })).message).toBe('Cannot delete entity, must delete policies first.')
    iam.call('DeleteRolePolicy', { RoleName: 'r', PolicyName: 'inline' })
    expect(errorOf(() => iam.call('DeleteRole', { RoleName: 'r' })).message).toBe('Cannot delete entity, must detach all policies first.')
    iam.call('DetachRolePolicy', { RoleName: 'r', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' })
    iam.call('DeleteRole', { RoleName: 'r' })
    expect(iam.account.roles.size).toBe(0)
  })

  it('rewrites other roles\' trust policies and bucket policies naming the deleted role to its id', () => {
    const iam = fakeIam()
    const target = iam.call('CreateRole', { RoleName: 'target', AssumeRolePolicyDocument: TRUST }).Role
    iam.call('CreateRole', { RoleName: 'chained', AssumeRolePolicyDocument: trustFor(target.Arn) })
    iam.state.buckets.set('b', {
      name: 'b',
      region: 'us-east-1',
      accountId: ACCOUNT,
      createDate: iam.now,
      objects: objectMap(),
      versions: objectMap(),
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: [target.Arn, ACCOUNT] }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }],
      }),
    })
    iam.call('DeleteRole', { RoleName: 'target' })
    expect(JSON.parse(iam.account.roles.get('chained')!.trustPolicy).Statement[0].Principal.AWS).toBe(target.RoleId)
    expect(JSON.parse(iam.state.buckets.get('b')!.policy!).Statement[0].Principal.AWS).toEqual([target.RoleId, ACCOUNT])
  })
})
