import { describe, expect, it } from 'vitest'
import { ACCOUNT, errorOf, fakeIam } from './testing/fake-context.js'

/** A self-signed certificate (CN=idp.example.com, RSA 2048, valid until 2126-11-08); no private key is kept. */
const CERT = 'MIIDFzCCAf+gAwIBAgIUd0plD/aIXLY4KUmxDtrqeiz6t58wDQYJKoZIhvcNAQELBQAwGjEYMBYGA1UEAwwPaWRwLmV4YW1wbGUuY29tMCAXDTI2MTIwMjIzMTAzN1oYDzIxMjYxMTA4MjMxMDM3WjAaMRgwFgYDVQQDDA9pZHAuZXhhbXBsZS5jb20wggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEKAoIBAQCLz8DEiAYqu78ZskNN++O1gSfncw5UKG8sFsXIPDFSgD1ZMYMO58UyPiRW22cqIfImmQ9g36/62PgjnVxaHe++6rwHBYsXLqRJi8ik9x/IqXuOAL4HzFDp/b8hFtB8n8BteKZclPmHRAVJzAdTNVcu0WVYaO/BrNua4fNg00ngiCixTJCxIGSiH15X0HHJmfR/yoEE7V3FdrYjepmz4UrIiFHYjaff/gVTHURQlAPQ67SGV/3nq2+dcj7BmBMT9UEPRSW0lkM5usCSvxYuqQQPhF/UxU2aEy+VGonowQIGkhT76i/CYqzdKk/fMbZABRXJBSV6SaZvaHH+SEkHLk89AgMBAAGjUzBRMB0GA1UdDgQWBBT04BgUt9T0+LlS2JvJlgKmdYPlOTAfBgNVHSMEGDAWgBT04BgUt9T0+LlS2JvJlgKmdYPlOTAPBgNVHRMBAf8EBTADAQH/MA0GCSqGSIb3DQEBCwUAA4IBAQBKMBIFQxx88awMr91NOfIqrgKwTswuAYNuncBZAZDqKSuGMnwGv5KtQnV5lHnbgzfyggEujrSIybvEvDgnrRdn8T6xshT7rQpOutEHcrQ6WxcjRmFBfJOrMEmHduxxMn4Kpn2OSVD+dOM4ZswjzeuAxPBpkYogJdKHHfolFUi/wmXSCWko5JaAZUCvpm7eUrIHrfWsqroCM2OGVNk1vLj4+gU54WHkcFVEHUbH1hAhWPNwCSL1kKaEu5y9cqSWOA7YHhOhtp7MzFmCWhD52JfHcoWeJ7VfuEAzNeKcCJaSZHmfprG/ze7Zi4g0hhiHBzzZZssKkFSTEW/utdFiYgRr'

const metadata = (opts: { cert?: string; validUntil?: string; root?: string } = {}) =>
  [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<md:${opts.root ?? 'EntityDescriptor'} xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com/saml"${opts.validUntil ? ` validUntil="${opts.validUntil}"` : ''}>`,
    '  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">',
    '    <md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data>',
    `      <ds:X509Certificate>${opts.cert ?? CERT}</ds:X509Certificate>`,
    '    </ds:X509Data></ds:KeyInfo></md:KeyDescriptor>',
    '    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/sso"/>',
    '  </md:IDPSSODescriptor>',
    `</md:${opts.root ?? 'EntityDescriptor'}>`,
  ].join('\n')

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
