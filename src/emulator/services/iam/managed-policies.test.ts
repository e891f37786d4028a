import { describe, expect, it } from 'vitest'
import { ACCOUNT, ALLOW_S3_READ, errorOf, fakeIam, trustFor } from './testing/fake-context.js'

const doc = (action: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] })

function withPolicy() {
  const iam = fakeIam()
  const out = iam.call('CreatePolicy', { PolicyName: 'S3Read', Path: '/team/', PolicyDocument: ALLOW_S3_READ, Description: 'reads' })
  return { iam, arn: out.Policy.Arn as string, out }
}

describe('CreatePolicy / GetPolicy', () => {
  it('creates v1 with an ANPA id; CreatePolicy omits the description, GetPolicy has it', () => {
    const { iam, arn, out } = withPolicy()
    expect(arn).toBe(`arn:aws:iam::${ACCOUNT}:policy/team/S3Read`)
    expect(out.Policy.PolicyId).toMatch(/^ANPA[A-Z0-9]{17}$/)
    expect(out.Policy).toMatchObject({ Path: '/team/', DefaultVersionId: 'v1', AttachmentCount: 0, PermissionsBoundaryUsageCount: 0, IsAttachable: true })
    expect(out.Policy.Description).toBeUndefined()
    const got = iam.call('GetPolicy', { PolicyArn: arn }).Policy
    expect(got.Description).toBe('reads')
    expect(Object.keys(got).filter((k) => got[k] !== undefined)).toEqual([
      'PolicyName', 'PolicyId', 'Arn', 'Path', 'DefaultVersionId', 'AttachmentCount', 'PermissionsBoundaryUsageCount',
      'IsAttachable', 'Description', 'CreateDate', 'UpdateDate', 'Tags',
    ])
    // Tags: [] when untagged (LocalStack test_iam_policies b15ee85 get-policy-response, recorded 2026).
    expect(got.Tags).toEqual([])
  })

  it('refuses duplicate names regardless of path, oversize and malformed documents', () => {
    const { iam } = withPolicy()
    const dup = errorOf(() => iam.call('CreatePolicy', { PolicyName: 's3read', PolicyDocument: ALLOW_S3_READ }))
    expect([dup.code, dup.status, dup.message]).toEqual([
      'EntityAlreadyExists',
      409,
      'A policy called s3read already exists. Duplicate names are not allowed.',
    ])
    const actions = Array.from({ length: 400 }, (_, i) => `s3:GetObjectVersion${i}`)
    const big = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] })
    const size = errorOf(() => iam.call('CreatePolicy', { PolicyName: 'big', PolicyDocument: big }))
    expect([size.code, size.status, size.message]).toEqual(['LimitExceeded', 409, 'Cannot exceed quota for PolicySize: 6144'])
    const principal = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }] })
    const bad = errorOf(() => iam.call('CreatePolicy', { PolicyName: 'p', PolicyDocument: principal }))
    expect([bad.code, bad.status, bad.message]).toEqual(['MalformedPolicyDocument', 400, 'Policy document should not specify a principal.'])
  })

  it('reads AWS managed policies from any account, with resourceAccount aws', () => {
    const iam = fakeIam()
    const p = iam.call('GetPolicy', { PolicyArn: 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess' }).Policy
    expect(p.PolicyName).toBe('ViewOnlyAccess')
    expect(p.Path).toBe('/job-function/')
    expect(p.PolicyId).toMatch(/^ANPA/)
    expect(iam.calls[0]!.opts).toEqual({ resourceAccount: 'aws', denialResource: 'policy arn:aws:iam::aws:policy/job-function/ViewOnlyAccess' })
    const v = iam.call('GetPolicyVersion', { PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess', VersionId: 'v1' }).PolicyVersion
    expect(JSON.parse(decodeURIComponent(v.Document))).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    })
    expect(v.Document).toContain('%2A')
  })

  it('unknown or malformed ARNs', () => {
    const iam = fakeIam()
    const missing = `arn:aws:iam::${ACCOUNT}:policy/none`
    const e = errorOf(() => iam.call('GetPolicy', { PolicyArn: missing }))
    expect([e.code, e.status, e.message]).toEqual(['NoSuchEntity', 404, `Policy ${missing} was not found.`])
    const bad = errorOf(() => iam.call('GetPolicy', { PolicyArn: 'arn:aws:s3:::bucket-name-here' }))
    expect([bad.code, bad.status, bad.message]).toEqual(['InvalidInput', 400, 'ARN arn:aws:s3:::bucket-name-here is not valid.'])
  })
})

describe('attachments and usage counts', () => {
  it('attaching is idempotent, counts attachments and boundaries from state', () => {
    const { iam, arn } = withPolicy()
    iam.call('CreateUser', { UserName: 'u' })
    iam.call('CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: trustFor(ACCOUNT), PermissionsBoundary: arn })
    iam.call('CreateGroup', { GroupName: 'g' })
    iam.call('AttachUserPolicy', { UserName: 'u', PolicyArn: arn })
    iam.call('AttachUserPolicy', { UserName: 'u', PolicyArn: arn })
    iam.call('AttachGroupPolicy', { GroupName: 'g', PolicyArn: arn })
    expect(iam.calls.at(-1)!.opts!.context).toEqual({ 'iam:PolicyARN': arn })
    const p = iam.call('GetPolicy', { PolicyArn: arn }).Policy
    expect([p.AttachmentCount, p.PermissionsBoundaryUsageCount]).toEqual([2, 1])
    expect(iam.call('ListAttachedUserPolicies', { UserName: 'u' })).toEqual({
      AttachedPolicies: [{ PolicyName: 'S3Read', PolicyArn: arn }],
      IsTruncated: false,
      Marker: undefined,
    })
    const entities = iam.call('ListEntitiesForPolicy', { PolicyArn: arn })
    expect(entities.PolicyGroups.map((g: { GroupName: string }) => g.GroupName)).toEqual(['g'])
    expect(entities.PolicyUsers.map((u: { UserName: string }) => u.UserName)).toEqual(['u'])
    expect(entities.PolicyRoles.map((r: { RoleName: string }) => r.RoleName)).toEqual(['r'])
    expect(iam.call('ListEntitiesForPolicy', { PolicyArn: arn, PolicyUsageFilter: 'PermissionsPolicy' }).PolicyRoles).toEqual([])
    const del = errorOf(() => iam.call('DeletePolicy', { PolicyArn: arn }))
    expect([del.code, del.status, del.message]).toEqual(['DeleteConflict', 409, 'Cannot delete a policy attached to entities.'])
  })

  it('stamps attachments with the consistency delay', () => {
    const { iam, arn } = withPolicy()
    iam.consistencyDelayMs = 3000
    iam.call('CreateUser', { UserName: 'u' })
    iam.call('AttachUserPolicy', { UserName: 'u', PolicyArn: arn })
    expect(iam.account.users.get('u')!.attached).toEqual([{ arn, effectiveAt: iam.now + 3000 }])
  })

  it('enforces 10 attached policies per entity and reports unknown policies and detaching what is not attached', () => {
    const iam = fakeIam()
    iam.call('CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: trustFor(ACCOUNT) })
    const arns = Array.from({ length: 11 }, (_, i) => iam.call('CreatePolicy', { PolicyName: `p${i}`, PolicyDocument: doc(`s3:Get${i}`) }).Policy.Arn)
    for (const a of arns.slice(0, 10)) iam.call('AttachRolePolicy', { RoleName: 'r', PolicyArn: a })
    const e = errorOf(() => iam.call('AttachRolePolicy', { RoleName: 'r', PolicyArn: arns[10] }))
    expect([e.code, e.status, e.message]).toEqual(['LimitExceeded', 409, 'Cannot exceed quota for PoliciesPerRole: 10'])
    iam.call('AttachRolePolicy', { RoleName: 'r', PolicyArn: arns[0] })
    const unknown = `arn:aws:iam::${ACCOUNT}:policy/ghost`
    const u = errorOf(() => iam.call('AttachRolePolicy', { RoleName: 'r', PolicyArn: unknown }))
    expect([u.code, u.status, u.message]).toEqual(['NoSuchEntity', 404, `Policy ${unknown} does not exist or is not attachable.`])
    const d = errorOf(() => iam.call('DetachRolePolicy', { RoleName: 'r', PolicyArn: arns[10] }))
    expect([d.code, d.message]).toEqual(['NoSuchEntity', `Policy ${arns[10]} was not found.`])
    const noRole = errorOf(() => iam.call('AttachRolePolicy', { RoleName: 'nobody', PolicyArn: arns[0] }))
    expect(noRole.message).toBe('The role with name nobody cannot be found.')
  })
})

describe('policy versions', () => {
  it('creates up to 5 versions, never reuses ids, protects the default', () => {
    const { iam, arn } = withPolicy()
    for (let i = 2; i <= 5; i++) {
      const v = iam.call('CreatePolicyVersion', { PolicyArn: arn, PolicyDocument: doc(`s3:Get${i}`), SetAsDefault: i === 3 ? 'true' : 'false' })
      expect(v.PolicyVersion).toMatchObject({ VersionId: `v${i}`, IsDefaultVersion: i === 3 })
      expect(v.PolicyVersion.Document).toBeUndefined()
    }
    const full = errorOf(() => iam.call('CreatePolicyVersion', { PolicyArn: arn, PolicyDocument: doc('s3:Get6') }))
    expect([full.code, full.status, full.message]).toEqual([
      'LimitExceeded',
      409,
      'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.',
    ])
    const def = errorOf(() => iam.call('DeletePolicyVersion', { PolicyArn: arn, VersionId: 'v3' }))
    expect([def.code, def.status, def.message]).toEqual(['DeleteConflict', 409, 'Cannot delete the default version of a policy.'])
    iam.call('DeletePolicyVersion', { PolicyArn: arn, VersionId: 'v5' })
    expect(iam.call('CreatePolicyVersion', { PolicyArn: arn, PolicyDocument: doc('s3:Get7') }).PolicyVersion.VersionId).toBe('v6')
    const listed = iam.call('ListPolicyVersions', { PolicyArn: arn }).Versions
    expect(listed.map((v: { VersionId: string }) => v.VersionId)).toEqual(['v6', 'v4', 'v3', 'v2', 'v1'])
    expect(listed.filter((v: { IsDefaultVersion: boolean }) => v.IsDefaultVersion).map((v: { VersionId: string }) => v.VersionId)).toEqual(['v3'])
    iam.call('SetDefaultPolicyVersion', { PolicyArn: arn, VersionId: 'v1' })
    const v1 = iam.call('GetPolicyVersion', { PolicyArn: arn, VersionId: 'v1' }).PolicyVersion
    expect(v1.IsDefaultVersion).toBe(true)
    expect(decodeURIComponent(v1.Document)).toBe(ALLOW_S3_READ)
    const missing = errorOf(() => iam.call('GetPolicyVersion', { PolicyArn: arn, VersionId: 'v5' }))
    expect([missing.code, missing.message]).toEqual(['NoSuchEntity', `Policy ${arn} version v5 does not exist or is not attachable.`])
    const busy = errorOf(() => iam.call('DeletePolicy', { PolicyArn: arn }))
    expect(busy.message).toBe(
      "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
    )
    for (const v of ['v2', 'v3', 'v4', 'v6']) iam.call('DeletePolicyVersion', { PolicyArn: arn, VersionId: v })
    iam.call('DeletePolicy', { PolicyArn: arn })
    expect(iam.account.policies.size).toBe(0)
    // The name is free again, at any path.
    expect(iam.call('CreatePolicy', { PolicyName: 's3read', PolicyDocument: ALLOW_S3_READ }).Policy.Arn).toBe(
      `arn:aws:iam::${ACCOUNT}:policy/s3read`,
    )
  })

  it('validates VersionId against the model pattern', () => {
    const { iam, arn } = withPolicy()
    const e = errorOf(() => iam.call('GetPolicyVersion', { PolicyArn: arn, VersionId: 'one' }))
    expect(e.message).toBe(
      "1 validation error detected: Value at 'versionId' failed to satisfy constraint: Member must satisfy regular expression pattern: v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?",
    )
  })
})

describe('ListPolicies', () => {
  it('scopes Local/AWS/All, filters OnlyAttached and path, and paginates', () => {
    const { iam, arn } = withPolicy()
    iam.call('CreatePolicy', { PolicyName: 'Other', PolicyDocument: doc('s3:ListBucket') })
    const local = iam.call('ListPolicies', { Scope: 'Local' }).Policies
    expect(local.map((p: { PolicyName: string }) => p.PolicyName)).toEqual(['Other', 'S3Read'])
    expect(local[0].Description).toBeUndefined()
    const aws = iam.call('ListPolicies', { Scope: 'AWS', MaxItems: '1000' }).Policies
    expect(aws.length).toBeGreaterThanOrEqual(5)
    expect(aws.every((p: { Arn: string }) => p.Arn.startsWith('arn:aws:iam::aws:policy/'))).toBe(true)
    expect(iam.call('ListPolicies', { Scope: 'Local', PathPrefix: '/team/' }).Policies.map((p: { Arn: string }) => p.Arn)).toEqual([arn])
    iam.call('CreateUser', { UserName: 'u' })
    iam.call('AttachUserPolicy', { UserName: 'u', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' })
    const attached = iam.call('ListPolicies', { OnlyAttached: 'true' }).Policies
    expect(attached.map((p: { PolicyName: string; AttachmentCount: number }) => [p.PolicyName, p.AttachmentCount])).toEqual([['ReadOnlyAccess', 1]])
    const all: string[] = []
    let marker: string | undefined
    do {
      const page = iam.call('ListPolicies', { MaxItems: '2', ...(marker ? { Marker: marker } : {}) })
      expect(page.Policies.length).toBeLessThanOrEqual(2)
      all.push(...page.Policies.map((p: { Arn: string }) => p.Arn))
      marker = page.IsTruncated ? page.Marker : undefined
    } while (marker)
    expect(all).toHaveLength(aws.length + 2)
    expect(new Set(all).size).toBe(all.length)
    expect(iam.calls.at(-1)).toEqual({ action: 'iam:ListPolicies', resource: '*', opts: { denialResource: 'policy path /' } })
  })
})
