import { describe, expect, it } from 'vitest'
import { ACCOUNT, errorOf, fakeIam } from './testing/fake-context.js'
import { samlMetadata } from './testing/saml-fixture.js'

const metadata = samlMetadata

const ARN = `arn:aws:iam::${ACCOUNT}:saml-provider/Okta`

describe('SAML providers', () => {
  it('Create/Get/List/Update/Delete, ValidUntil from the certificate or the metadata', () => {
    const iam = fakeIam()
    expect(iam.call('CreateSAMLProvider', { Name: 'Okta', SAMLMetadataDocument: metadata(), Tags: [{ Key: 'idp', Value: 'okta' }] })).toEqual({ SAMLProviderArn: ARN, Tags: [{ Key: 'idp', Value: 'okta' }] })
    expect(iam.calls[0]).toMatchObject({ action: 'iam:CreateSAMLProvider', resource: ARN })
    const got = iam.call('GetSAMLProvider', { SAMLProviderArn: ARN })
    expect(got.SAMLMetadataDocument).toBe(metadata())
    expect(got.ValidUntil.toISOString()).toBe('2126-11-08T23:10:37.000Z')
    expect(got.SAMLProviderUUID).toMatch(/^p-[0-9a-f-]{36}$/)
    expect(iam.call('ListSAMLProviders')).toEqual({ SAMLProviderList: [{ Arn: ARN, ValidUntil: got.ValidUntil, CreateDate: new Date(iam.now) }] })
    expect(iam.call('UpdateSAMLProvider', { SAMLProviderArn: ARN, SAMLMetadataDocument: metadata({ validUntil: '2030-01-01T00:00:00Z' }) })).toEqual({ SAMLProviderArn: ARN })
    expect(iam.call('GetSAMLProvider', { SAMLProviderArn: ARN }).ValidUntil.toISOString()).toBe('2030-01-01T00:00:00.000Z')
    iam.call('DeleteSAMLProvider', { SAMLProviderArn: ARN })
    const e = errorOf(() => iam.call('GetSAMLProvider', { SAMLProviderArn: ARN }))
    expect([e.code, e.status, e.message]).toEqual(['NoSuchEntity', 404, `Manifest not found for arn ${ARN}`])
    expect(errorOf(() => iam.call('DeleteSAMLProvider', { SAMLProviderArn: ARN })).code).toBe('NoSuchEntity')
  })

  it('refuses metadata that is not XML, has no IdP descriptor, or no parsable signing certificate', () => {
    const iam = fakeIam()
    const pad = (s: string) => s + ' '.repeat(Math.max(0, 1000 - s.length))
    const docs = ['<md:EntityDescriptor>unclosed', metadata({ root: 'EntitiesDescriptor' }), metadata({ cert: 'bm90IGEgY2VydGlmaWNhdGU=' }), metadata().replace(/<ds:X509Certificate>[^<]*<\/ds:X509Certificate>/, '')]
    for (const doc of docs.map(pad)) {
      const e = errorOf(() => iam.call('CreateSAMLProvider', { Name: 'Bad', SAMLMetadataDocument: doc }))
      expect([e.code, e.status, e.message]).toEqual(['InvalidInput', 400, 'Could not parse metadata'])
    }
    expect(errorOf(() => iam.call('CreateSAMLProvider', { Name: 'Short', SAMLMetadataDocument: '<x/>' })).code).toBe('ValidationError')
    expect(iam.call('ListSAMLProviders')).toEqual({ SAMLProviderList: [] })
  })

  it('a second provider of the same name is EntityAlreadyExists; tags merge and are removed', () => {
    const iam = fakeIam()
    iam.call('CreateSAMLProvider', { Name: 'Okta', SAMLMetadataDocument: metadata() })
    expect(errorOf(() => iam.call('CreateSAMLProvider', { Name: 'Okta', SAMLMetadataDocument: metadata() })).code).toBe('EntityAlreadyExists')
    iam.call('TagSAMLProvider', { SAMLProviderArn: ARN, Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] })
    iam.call('UntagSAMLProvider', { SAMLProviderArn: ARN, TagKeys: ['a'] })
    expect(iam.call('ListSAMLProviderTags', { SAMLProviderArn: ARN })).toMatchObject({ Tags: [{ Key: 'b', Value: '2' }], IsTruncated: false })
  })
})
