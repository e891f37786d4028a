import { describe, expect, it } from 'vitest'
import type { AwsClients, IamflowClient } from '../define-action.js'
import { InputError } from '../../errors.js'
import { getSamlIdpMetadata } from './get-saml-idp-metadata.js'
import { issueSamlAssertion } from './issue-saml-assertion.js'

function recorder(answer: Record<string, string>) {
  const calls: Array<[string, Record<string, string>]> = []
  const iamflow: IamflowClient = {
    call: async (action, params) => {
      calls.push([action, params])
      return answer
    },
  }
  return { calls, clients: { iamflow } as unknown as AwsClients }
}

describe('iamflow.issueSamlAssertion', () => {
  it('sends IamflowIssueSamlAssertion with flat parameters (lists and maps as JSON) and returns the assertion', async () => {
    const { calls, clients } = recorder({ SAMLAssertion: 'PHNhbWxwOlJlc3BvbnNlLz4=', NotOnOrAfter: '2026-12-02T23:05:00Z' })
    const out = await issueSamlAssertion.run({ clients }, {
      Issuer: 'https://idp.example.com/saml',
      Subject: 'alice',
      SubjectFormat: 'transient',
      ExpiresInSeconds: -60,
      Roles: ['arn:aws:iam::123456789012:role/r,arn:aws:iam::123456789012:saml-provider/p'],
      RoleSessionName: 'alice',
      SessionDuration: 1800,
      PrincipalTags: { Project: 'Marketing' },
      TransitiveTagKeys: ['Project'],
      SourceIdentity: 'alice',
      Attributes: { 'urn:oid:1.3.6.1.4.1.5923.1.1.1.1': ['staff'] },
    })
    expect(calls).toEqual([
      [
        'IamflowIssueSamlAssertion',
        {
          Issuer: 'https://idp.example.com/saml',
          Subject: 'alice',
          SubjectFormat: 'transient',
          RoleSessionName: 'alice',
          SourceIdentity: 'alice',
          ExpiresInSeconds: '-60',
          SessionDuration: '1800',
          Roles: '["arn:aws:iam::123456789012:role/r,arn:aws:iam::123456789012:saml-provider/p"]',
          PrincipalTags: '{"Project":"Marketing"}',
          TransitiveTagKeys: '["Project"]',
          Attributes: '{"urn:oid:1.3.6.1.4.1.5923.1.1.1.1":["staff"]}',
        },
      ],
    ])
    expect(out.SAMLAssertion).toBe('PHNhbWxwOlJlc3BvbnNlLz4=')
    expect(out.NotOnOrAfter.toISOString()).toBe('2026-12-02T23:05:00.000Z')
  })

  it('refuses to run where there is no emulator (AWS): emulator-only, exit 2', async () => {
    for (const action of [issueSamlAssertion, getSamlIdpMetadata] as const) {
      const err = await (action.run as (ctx: { clients: AwsClients }, input: unknown) => Promise<unknown>)({ clients: {} as AwsClients }, { Issuer: 'https://x', Subject: 's' }).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(InputError)
      expect((err as InputError).code).toBe('emulator-only')
      expect((err as InputError).message).toBe(`${action.name} runs only on the emulator (embedded or iamflow serve), not on AWS`)
    }
  })

  it('are marked emulator-only and read-only', () => {
    for (const action of [issueSamlAssertion, getSamlIdpMetadata]) expect([action.emulatorOnly, action.readOnly, action.service]).toEqual([true, true, 'iamflow'])
  })
})

describe('iamflow.getSamlIdpMetadata', () => {
  it('sends IamflowGetSamlIdpMetadata and returns the metadata document', async () => {
    const { calls, clients } = recorder({ SAMLMetadataDocument: '<md:EntityDescriptor/>' })
    const out = await getSamlIdpMetadata.run({ clients }, { Issuer: 'https://idp.example.com/saml' })
    expect(calls).toEqual([['IamflowGetSamlIdpMetadata', { Issuer: 'https://idp.example.com/saml' }]])
    expect(out.SAMLMetadataDocument).toBe('<md:EntityDescriptor/>')
  })
})
