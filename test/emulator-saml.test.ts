import { createHash } from 'node:crypto'
import { AttachRolePolicyCommand, CreateRoleCommand, CreateSAMLProviderCommand, ListUsersCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam'
import { AssumeRoleWithSAMLCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts'
import { ListBucketsCommand } from '@aws-sdk/client-s3'
import { describe, expect, it } from 'vitest'
import { iamflowClient } from '../src/aws/emulator-call.js'
import { createEmulator, type Emulator } from '../src/emulator/index.js'
import { clients, doc, failure, userClients, type Creds } from './emulator-helpers.js'

/**
 * SAML 2.0 federation end to end through the real SDK v3 clients: the emulator plays the IdP
 * (IamflowGetSamlIdpMetadata gives the metadata IAM's CreateSAMLProvider takes,
 * IamflowIssueSamlAssertion signs a Response), and AssumeRoleWithSAML (sent unsigned by the
 * SDK) verifies it with the provider's certificate and lets the trust policy decide.
 */

const ACCOUNT = '123456789012'
const IDP = 'https://idp.example.edu/idp/shibboleth'
const PROVIDER_ARN = `arn:aws:iam::${ACCOUNT}:saml-provider/campus-idp`
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/staff-readonly`
const SIGNIN = 'https://signin.aws.amazon.com/saml'
const AFFILIATION = 'urn:oid:1.3.6.1.4.1.5923.1.1.1.1'

const trust = (extra: object[] = []) =>
  doc([
    {
      Effect: 'Allow',
      Principal: { Federated: PROVIDER_ARN },
      Action: 'sts:AssumeRoleWithSAML',
      Condition: {
        StringEquals: { 'SAML:aud': SIGNIN, 'saml:sub': 'alice', 'saml:sub_type': 'persistent', 'saml:iss': IDP, 'saml:doc': `${ACCOUNT}/campus-idp` },
        'ForAnyValue:StringEquals': { 'saml:edupersonaffiliation': 'staff' },
      },
    },
    ...extra,
  ])

async function setup(em: Emulator = createEmulator(), trustPolicy = trust()) {
  const c = clients(em, em.root)
  const issuer = iamflowClient(() => c.sts, 'http://localhost:4566')
  const metadata = (await issuer.call('IamflowGetSamlIdpMetadata', { Issuer: IDP })).SAMLMetadataDocument!
  await c.iam.send(new CreateSAMLProviderCommand({ Name: 'campus-idp', SAMLMetadataDocument: metadata }))
  await c.iam.send(new CreateRoleCommand({ RoleName: 'staff-readonly', AssumeRolePolicyDocument: trustPolicy, MaxSessionDuration: 7200 }))
  await c.iam.send(new AttachRolePolicyCommand({ RoleName: 'staff-readonly', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' }))
  const assertion = async (p: Record<string, string> = {}) =>
    (
      await issuer.call('IamflowIssueSamlAssertion', {
        Issuer: IDP,
        Subject: 'alice',
        Roles: JSON.stringify([`${ROLE_ARN},${PROVIDER_ARN}`]),
        RoleSessionName: 'alice@example.edu',
        Attributes: JSON.stringify({ [AFFILIATION]: ['member', 'staff'] }),
        ...p,
      })
    ).SAMLAssertion!
  // An STS client with no credentials at all: the SDK sends AssumeRoleWithSAML unsigned.
  const anon = clients(em, undefined as unknown as Creds).sts
  const assume = (SAMLAssertion: string, extra: object = {}) => anon.send(new AssumeRoleWithSAMLCommand({ RoleArn: ROLE_ARN, PrincipalArn: PROVIDER_ARN, SAMLAssertion, ...extra }))
  return { em, c, issuer, metadata, assertion, assume }
}

const xmlOf = (b64: string) => Buffer.from(b64, 'base64').toString('utf8')
const b64Of = (xml: string) => Buffer.from(xml, 'utf8').toString('base64')
const denied = { name: 'AccessDenied', status: 403, message: 'Not authorized to perform sts:AssumeRoleWithSAML' }
const badSignature = { name: 'InvalidIdentityTokenException', status: 400, message: 'Response signature invalid' }

describe('AssumeRoleWithSAML against an emulator-issued assertion', () => {
  it('a staff member gets a session with AWS output members; its requests act as the role', async () => {
    const { em, assume, assertion, metadata } = await setup()
    expect(metadata).toContain(`entityID="${IDP}"`)
    expect(metadata).not.toMatch(/PRIVATE KEY/)
    const out = await assume(await assertion(), { DurationSeconds: 900 })
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/staff-readonly/alice@example.edu`)
    expect(out.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z0-9]{17}:alice@example\.edu$/)
    expect([out.Subject, out.SubjectType, out.Issuer, out.Audience]).toEqual(['alice', 'persistent', IDP, SIGNIN])
    expect(out.NameQualifier).toBe(createHash('sha1').update(`${IDP}${ACCOUNT}/campus-idp`).digest('base64'))
    expect(out.PackedPolicySize).toBeUndefined()
    expect(out.SourceIdentity).toBeUndefined()
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA/)
    expect(out.Credentials!.Expiration!.getTime() - em.clock.now()).toBeLessThanOrEqual(900_000)
    expect(out.Credentials!.Expiration!.getTime() - em.clock.now()).toBeGreaterThan(840_000)
    const session = clients(em, { accessKeyId: out.Credentials!.AccessKeyId!, secretAccessKey: out.Credentials!.SecretAccessKey!, sessionToken: out.Credentials!.SessionToken! })
    expect((await session.sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(out.AssumedRoleUser?.Arn)
    await session.s3.send(new ListBucketsCommand({}))
    expect(await failure(session.iam.send(new ListUsersCommand({})))).toMatchObject({ name: 'AccessDenied', status: 403 })
  })

  it('the trust policy decides with the saml: keys: another subject, a student, another recipient are refused', async () => {
    const { assume, assertion } = await setup()
    expect(await failure(assume(await assertion({ Subject: 'mallory' })))).toEqual(denied)
    expect(await failure(assume(await assertion({ Attributes: JSON.stringify({ [AFFILIATION]: ['student'] }) })))).toEqual(denied)
    expect(await failure(assume(await assertion({ SubjectFormat: 'transient' })))).toEqual(denied)
    expect(await failure(assume(await assertion({ Recipient: 'http://localhost:8443/saml/acs' })))).toEqual(denied)
  })

  it('an expired assertion is ExpiredTokenException', async () => {
    const { assume, assertion } = await setup()
    expect(await failure(assume(await assertion({ ExpiresInSeconds: '-60' })))).toEqual({
      name: 'ExpiredTokenException',
      status: 400,
      message: 'Token must be redeemed within 5 minutes of issuance',
    })
  })

  it('a tampered, unsigned or wrapped assertion is InvalidIdentityToken "Response signature invalid"', async () => {
    const { assume, assertion } = await setup()
    const good = xmlOf(await assertion({ Subject: 'mallory' }))
    // Tampered: the subject changed after signing.
    expect(await failure(assume(b64Of(good.replace('>mallory</saml:NameID>', '>alice</saml:NameID>'))))).toEqual(badSignature)
    // Unsigned: the signature removed.
    expect(await failure(assume(b64Of(good.replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, ''))))).toEqual(badSignature)
    // Wrapped: a forged Assertion for alice beside the signed one.
    const signed = /<saml:Assertion[\s\S]*<\/saml:Assertion>/.exec(good)![0]
    const forged = signed.replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '').replace('>mallory<', '>alice<').replace(/ID="[^"]+"/, 'ID="_forged"')
    expect(await failure(assume(b64Of(good.replace(signed, forged + signed))))).toMatchObject({ name: 'InvalidIdentityTokenException', status: 400 })
    expect(await failure(assume(Buffer.from('not xml at all').toString('base64')))).toMatchObject({ name: 'InvalidIdentityTokenException', status: 400 })
  })

  it('a Response whose status is not Success is IDPRejectedClaim (the IdP reported a failed sign-in)', async () => {
    const { assume, assertion } = await setup()
    // The status sits outside the Assertion's signature: the assertion verifies, the status refuses.
    const failed = xmlOf(await assertion()).replace('status:Success', 'status:Responder')
    expect(await failure(assume(b64Of(failed)))).toEqual({
      name: 'IDPRejectedClaimException',
      status: 403,
      message: 'The identity provider reported that authentication failed (urn:oasis:names:tc:SAML:2.0:status:Responder).',
    })
  })

  it('an assertion signed by another IdP does not verify with the provider certificate', async () => {
    const { assume, issuer } = await setup()
    const other = (
      await issuer.call('IamflowIssueSamlAssertion', { Issuer: 'https://evil.example.com', Subject: 'alice', Roles: JSON.stringify([`${ROLE_ARN},${PROVIDER_ARN}`]), RoleSessionName: 'alice' })
    ).SAMLAssertion!
    expect(await failure(assume(other))).toEqual(badSignature)
  })

  it('the Role attribute must pair the requested role with the provider (either order); RoleSessionName is required', async () => {
    const { c, assume, assertion } = await setup()
    await c.iam.send(new CreateRoleCommand({ RoleName: 'admin', AssumeRolePolicyDocument: trust() }))
    const adminArn = `arn:aws:iam::${ACCOUNT}:role/admin`
    expect(await failure(assume(await assertion(), { RoleArn: adminArn }))).toEqual(denied)
    await assume(await assertion({ Roles: JSON.stringify([`${PROVIDER_ARN}, ${ROLE_ARN}`]) }))
    expect(await failure(assume(await assertion({ Roles: JSON.stringify([]) })))).toEqual(denied)
    const noName = await assertion({ RoleSessionName: '' })
    expect(await failure(assume(noName))).toEqual({ name: 'InvalidIdentityTokenException', status: 400, message: 'RoleSessionName is required in AuthnResponse' })
    expect(await failure(assume(await assertion({ RoleSessionName: 'Alice Smith' })))).toEqual({
      name: 'InvalidIdentityTokenException',
      status: 400,
      message: 'RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}',
    })
  })

  it('a provider that does not exist, and the model limits of SAMLAssertion', async () => {
    const { assume, assertion } = await setup()
    expect(await failure(assume(await assertion(), { PrincipalArn: `arn:aws:iam::${ACCOUNT}:saml-provider/nope` }))).toEqual({
      name: 'InvalidIdentityTokenException',
      status: 400,
      message: "Specified provider doesn't exist",
    })
    expect(await failure(assume('A'.repeat(100_001)))).toEqual({
      name: 'ValidationError',
      status: 400,
      message: "1 validation error detected: Value at 'sAMLAssertion' failed to satisfy constraint: Member must have length less than or equal to 100000",
    })
  })

  it('duration: DurationSeconds up to the role maximum, shortened by SessionDuration', async () => {
    const { em, assume, assertion } = await setup()
    expect(await failure(assume(await assertion(), { DurationSeconds: 7201 }))).toEqual({
      name: 'ValidationError',
      status: 400,
      message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    })
    const long = await assume(await assertion(), { DurationSeconds: 7200 })
    expect(long.Credentials!.Expiration!.getTime() - em.clock.now()).toBeGreaterThan(7_140_000)
    const short = await assume(await assertion({ SessionDuration: '1800' }), { DurationSeconds: 7200 })
    expect(short.Credentials!.Expiration!.getTime() - em.clock.now()).toBeLessThanOrEqual(1_800_000)
    expect(short.Credentials!.Expiration!.getTime() - em.clock.now()).toBeGreaterThan(1_740_000)
  })

  it('PrincipalTag attributes are session tags (the trust must allow sts:TagSession); SourceIdentity is returned', async () => {
    const tagging = { Effect: 'Allow', Principal: { Federated: PROVIDER_ARN }, Action: ['sts:TagSession', 'sts:SetSourceIdentity'] }
    const { assume, assertion, em, c } = await setup(createEmulator(), trust([tagging]))
    // The role may list users only in a session tagged Project=Marketing (ABAC on aws:PrincipalTag).
    await c.iam.send(
      new PutRolePolicyCommand({
        RoleName: 'staff-readonly',
        PolicyName: 'abac',
        PolicyDocument: doc([{ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/Project': 'Marketing', 'aws:FederatedProvider': PROVIDER_ARN } } }]),
      }),
    )
    const sessionOf = (out: { Credentials?: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string } }) =>
      clients(em, { accessKeyId: out.Credentials!.AccessKeyId!, secretAccessKey: out.Credentials!.SecretAccessKey!, sessionToken: out.Credentials!.SessionToken! })
    const out = await assume(await assertion({ PrincipalTags: JSON.stringify({ Project: 'Marketing', CostCenter: '12345' }), TransitiveTagKeys: JSON.stringify(['Project']), SourceIdentity: 'alice' }))
    expect(out.PackedPolicySize).toBeGreaterThan(0)
    expect(out.SourceIdentity).toBe('alice')
    await sessionOf(out).iam.send(new ListUsersCommand({}))
    const other = await assume(await assertion({ PrincipalTags: JSON.stringify({ Project: 'Finance' }) }))
    expect(await failure(sessionOf(other).iam.send(new ListUsersCommand({})))).toMatchObject({ name: 'AccessDenied', status: 403 })
    expect(await failure(assume(await assertion({ PrincipalTags: JSON.stringify({ Project: 'a', project: 'b' }) })))).toEqual({
      name: 'InvalidParameterValue',
      status: 400,
      message: 'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
    })
    const plain = await setup()
    expect(await failure(plain.assume(await plain.assertion({ PrincipalTags: JSON.stringify({ Project: 'Marketing' }) })))).toEqual(denied)
  })

  it('only the account root plays the identity provider; an IAM user, even allowed everything, is refused', async () => {
    const em = createEmulator()
    const dev = await userClients(em, 'dev', [{ Effect: 'Allow', Action: '*', Resource: '*' }])
    const client = iamflowClient(() => dev.sts, 'http://localhost:4566')
    for (const [action, what] of [
      ['IamflowGetSamlIdpMetadata', 'act as a SAML identity provider'],
      ['IamflowIssueSamlAssertion', 'issue SAML assertions'],
    ] as const) {
      const f = await failure(client.call(action, { Issuer: IDP, Subject: 'alice' }))
      expect(f).toMatchObject({ name: 'AccessDenied', message: `arn:aws:iam::${ACCOUNT}:user/dev may not ${what}: on the emulator only the account root (the scenario's operator) stands for the identity provider.` })
    }
  })
})
