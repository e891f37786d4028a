import { describe, expect, it } from 'vitest'
import { ACCOUNT, errorOf, fakeIam } from './testing/fake-context.js'

const URL = 'https://token.actions.githubusercontent.com'
const ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`
const THUMB = '6938fd4d98bab03faadb97b34396831e3780aea1'

describe('OpenID Connect providers', () => {
  it('CreateOpenIDConnectProvider: ARN from the URL without https://, Get echoes it, authorized on the provider ARN', () => {
    const iam = fakeIam()
    const out = iam.call('CreateOpenIDConnectProvider', { Url: URL, ClientIDList: ['sts.amazonaws.com'], ThumbprintList: [THUMB], Tags: [{ Key: 'team', Value: 'ci' }] })
    expect(out).toEqual({ OpenIDConnectProviderArn: ARN, Tags: [{ Key: 'team', Value: 'ci' }] })
    expect(iam.calls[0]).toMatchObject({ action: 'iam:CreateOpenIDConnectProvider', resource: ARN, opts: { context: { 'aws:TagKeys': ['team'], 'aws:RequestTag/team': 'ci' } } })
    const got = iam.call('GetOpenIDConnectProvider', { OpenIDConnectProviderArn: ARN })
    expect(got).toEqual({ Url: 'token.actions.githubusercontent.com', ClientIDList: ['sts.amazonaws.com'], ThumbprintList: [THUMB], CreateDate: new Date(iam.now), Tags: [{ Key: 'team', Value: 'ci' }] })
    expect(iam.call('ListOpenIDConnectProviders')).toEqual({ OpenIDConnectProviderList: [{ Arn: ARN }] })
  })

  it('a path is part of the ARN (EKS issuers); the same URL twice is EntityAlreadyExists', () => {
    const iam = fakeIam()
    const eks = 'https://oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE'
    expect(iam.call('CreateOpenIDConnectProvider', { Url: eks }).OpenIDConnectProviderArn).toBe(
      `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE`,
    )
    const e = errorOf(() => iam.call('CreateOpenIDConnectProvider', { Url: eks }))
    expect([e.code, e.status]).toEqual(['EntityAlreadyExists', 409])
  })

  it('refuses a URL that is not https, more than 5 thumbprints, and the 101st provider', () => {
    const iam = fakeIam()
    expect(errorOf(() => iam.call('CreateOpenIDConnectProvider', { Url: 'http://issuer.example.com' })).code).toBe('InvalidInput')
    const six = Array.from({ length: 6 }, (_, i) => String(i).repeat(40))
    expect(errorOf(() => iam.call('CreateOpenIDConnectProvider', { Url: URL, ThumbprintList: six })).code).toBe('LimitExceeded')
    expect(errorOf(() => iam.call('CreateOpenIDConnectProvider', { Url: URL, ThumbprintList: ['abc'] })).code).toBe('ValidationError')
    for (let i = 0; i < 100; i++) iam.call('CreateOpenIDConnectProvider', { Url: `https://issuer${i}.example.com` })
    const e = errorOf(() => iam.call('CreateOpenIDConnectProvider', { Url: URL }))
    expect([e.code, e.status, e.message]).toEqual(['LimitExceeded', 409, 'Cannot exceed quota for OpenIdConnectProvidersPerAccount: 100'])
  })

  it('client IDs: adding one twice keeps one, removing an unknown one succeeds; thumbprints are replaced', () => {
    const iam = fakeIam()
    iam.call('CreateOpenIDConnectProvider', { Url: URL, ClientIDList: ['sts.amazonaws.com'] })
    iam.call('AddClientIDToOpenIDConnectProvider', { OpenIDConnectProviderArn: ARN, ClientID: 'my-app' })
    iam.call('AddClientIDToOpenIDConnectProvider', { OpenIDConnectProviderArn: ARN, ClientID: 'my-app' })
    iam.call('RemoveClientIDFromOpenIDConnectProvider', { OpenIDConnectProviderArn: ARN, ClientID: 'never-added' })
    iam.call('UpdateOpenIDConnectProviderThumbprint', { OpenIDConnectProviderArn: ARN, ThumbprintList: [THUMB] })
    const got = iam.call('GetOpenIDConnectProvider', { OpenIDConnectProviderArn: ARN })
    expect([got.ClientIDList, got.ThumbprintList]).toEqual([['sts.amazonaws.com', 'my-app'], [THUMB]])
    iam.call('RemoveClientIDFromOpenIDConnectProvider', { OpenIDConnectProviderArn: ARN, ClientID: 'sts.amazonaws.com' })
    expect(iam.call('GetOpenIDConnectProvider', { OpenIDConnectProviderArn: ARN }).ClientIDList).toEqual(['my-app'])
  })

  it('tags: Tag merges, Untag removes, List pages; authorized with the provider tags', () => {
    const iam = fakeIam()
    iam.call('CreateOpenIDConnectProvider', { Url: URL, Tags: [{ Key: 'a', Value: '1' }] })
    iam.call('TagOpenIDConnectProvider', { OpenIDConnectProviderArn: ARN, Tags: [{ Key: 'A', Value: '2' }, { Key: 'b', Value: '3' }] })
    expect(iam.call('ListOpenIDConnectProviderTags', { OpenIDConnectProviderArn: ARN, MaxItems: 1 })).toMatchObject({ Tags: [{ Key: 'A', Value: '2' }], IsTruncated: true })
    iam.call('UntagOpenIDConnectProvider', { OpenIDConnectProviderArn: ARN, TagKeys: ['a'] })
    expect(iam.call('ListOpenIDConnectProviderTags', { OpenIDConnectProviderArn: ARN }).Tags).toEqual([{ Key: 'b', Value: '3' }])
    expect(iam.calls.at(-1)).toMatchObject({ action: 'iam:ListOpenIDConnectProviderTags', resource: ARN, opts: { context: { 'aws:ResourceTag/b': '3' } } })
  })

  it('a missing provider is NoSuchEntity with AWS wording; Delete is idempotent; a bad ARN is InvalidInput', () => {
    const iam = fakeIam()
    const e = errorOf(() => iam.call('GetOpenIDConnectProvider', { OpenIDConnectProviderArn: ARN }))
    expect([e.code, e.status, e.message]).toEqual(['NoSuchEntity', 404, `OpenIDConnect Provider not found for arn ${ARN}`])
    iam.call('CreateOpenIDConnectProvider', { Url: URL })
    iam.call('DeleteOpenIDConnectProvider', { OpenIDConnectProviderArn: ARN })
    iam.call('DeleteOpenIDConnectProvider', { OpenIDConnectProviderArn: ARN })
    expect(iam.call('ListOpenIDConnectProviders')).toEqual({ OpenIDConnectProviderList: [] })
    expect(errorOf(() => iam.call('AddClientIDToOpenIDConnectProvider', { OpenIDConnectProviderArn: ARN, ClientID: 'x' })).code).toBe('NoSuchEntity')
    const bad = errorOf(() => iam.call('GetOpenIDConnectProvider', { OpenIDConnectProviderArn: `arn:aws:iam::${ACCOUNT}:role/r` }))
    expect([bad.code, bad.message]).toEqual(['InvalidInput', `ARN arn:aws:iam::${ACCOUNT}:role/r is not valid.`])
  })

  it('a caller without permission is refused before any lookup', () => {
    const iam = fakeIam({ deny: (action) => action === 'iam:GetOpenIDConnectProvider' })
    const e = errorOf(() => iam.call('GetOpenIDConnectProvider', { OpenIDConnectProviderArn: ARN }))
    expect(e.code).toBe('AccessDenied')
    expect(iam.calls).toEqual([expect.objectContaining({ action: 'iam:GetOpenIDConnectProvider', resource: ARN })])
  })
})
