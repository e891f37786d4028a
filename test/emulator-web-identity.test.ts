import { CreateOpenIDConnectProviderCommand, CreateRoleCommand, CreateUserCommand, PutUserPolicyCommand, CreateAccessKeyCommand, AttachRolePolicyCommand } from '@aws-sdk/client-iam'
import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts'
import { ListBucketsCommand } from '@aws-sdk/client-s3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { iamflowClient } from '../src/aws/emulator-call.js'
import { createEmulator, type Emulator } from '../src/emulator/index.js'
import { clients, doc, failure, type Creds } from './emulator-helpers.js'

/**
 * Web identity federation end to end through the real SDK v3 clients: the emulator registers
 * an OIDC provider, signs a token for it (IamflowIssueOidcToken), and AssumeRoleWithWebIdentity
 * (sent unsigned by the SDK) verifies it and lets the trust policy decide.
 */

const ACCOUNT = '123456789012'
const GH = 'https://token.actions.githubusercontent.com'
const PROVIDER_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`
const MAIN = 'repo:acme/app:ref:refs/heads/main'

const githubTrust = doc([
  {
    Effect: 'Allow',
    Principal: { Federated: PROVIDER_ARN },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: {
      StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': MAIN },
    },
  },
])

async function setup(em: Emulator = createEmulator()) {
  const c = clients(em, em.root)
  await c.iam.send(new CreateOpenIDConnectProviderCommand({ Url: GH, ClientIDList: ['sts.amazonaws.com'] }))
  const role = await c.iam.send(new CreateRoleCommand({ RoleName: 'deploy', AssumeRolePolicyDocument: githubTrust, MaxSessionDuration: 7200 }))
  await c.iam.send(new AttachRolePolicyCommand({ RoleName: 'deploy', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' }))
  const issuer = iamflowClient(() => c.sts, 'http://localhost:4566')
  const token = async (p: Record<string, string>) => (await issuer.call('IamflowIssueOidcToken', { Issuer: GH, Subject: MAIN, Audience: 'sts.amazonaws.com', ...p })).Token!
  // An STS client with no credentials at all: the SDK sends AssumeRoleWithWebIdentity unsigned.
  const anon = clients(em, undefined as unknown as Creds).sts
  const assume = (WebIdentityToken: string, extra: object = {}) =>
    anon.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: role.Role!.Arn, RoleSessionName: 'gh-run-1', WebIdentityToken, ...extra }))
  return { em, c, issuer, token, assume, roleArn: role.Role!.Arn! }
}

describe('AssumeRoleWithWebIdentity against an emulator-issued OIDC token', () => {
  it('the main branch of the repo gets a session; its requests act as the role', async () => {
    const { em, token, assume } = await setup()
    const out = await assume(await token({}), { DurationSeconds: 900 })
    expect(out.SubjectFromWebIdentityToken).toBe(MAIN)
    expect(out.Provider).toBe(GH)
    expect(out.Audience).toBe('sts.amazonaws.com')
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/deploy/gh-run-1`)
    expect(out.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z0-9]{17}:gh-run-1$/)
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA/)
    expect(out.Credentials!.Expiration!.getTime() - em.clock.now()).toBeGreaterThan(899_000)
    expect(out.Credentials!.Expiration!.getTime() - em.clock.now()).toBeLessThanOrEqual(900_000)
    const session = clients(em, { accessKeyId: out.Credentials!.AccessKeyId!, secretAccessKey: out.Credentials!.SecretAccessKey!, sessionToken: out.Credentials!.SessionToken! })
    expect((await session.sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/deploy/gh-run-1`)
    await session.s3.send(new ListBucketsCommand({}))
  })

  it('another branch, another repo: AccessDenied from the trust policy', async () => {
    const { token, assume } = await setup()
    for (const sub of ['repo:acme/app:ref:refs/heads/feature', 'repo:evil/app:ref:refs/heads/main']) {
      expect(await failure(assume(await token({ Subject: sub })))).toEqual({ name: 'AccessDenied', status: 403, message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity' })
    }
  })

  it('a wrong audience is InvalidIdentityToken "Incorrect token audience"', async () => {
    const { token, assume } = await setup()
    expect(await failure(assume(await token({ Audience: 'api://AzureADTokenExchange' })))).toEqual({ name: 'InvalidIdentityTokenException', status: 400, message: 'Incorrect token audience' })
  })

  it('an expired token is ExpiredTokenException with both times', async () => {
    const { em, token, assume } = await setup()
    const jwt = await token({ ExpiresInSeconds: '-60' })
    const exp = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()).exp as number
    const f = await failure(assume(jwt))
    expect([f.name, f.status]).toEqual(['ExpiredTokenException', 400])
    const m = /^Token expired: current date\/time (\d+) must be before the expiration date\/time (\d+)$/.exec(f.message)
    expect(m).not.toBeNull()
    expect(Number(m![2])).toBe(exp)
    expect(Number(m![1]) - exp).toBeGreaterThanOrEqual(60)
    expect(Number(m![1])).toBeLessThanOrEqual(Math.floor(em.clock.now() / 1000))
  })

  it('a token whose signature does not verify, or that is no JWT, is InvalidIdentityToken', async () => {
    const { token, assume } = await setup()
    const good = await token({})
    const [h, p] = good.split('.')
    const forged = JSON.parse(Buffer.from(p!, 'base64url').toString())
    forged.sub = 'repo:evil/app:ref:refs/heads/main'
    const tampered = `${h}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${good.split('.')[2]}`
    expect(await failure(assume(tampered))).toMatchObject({ name: 'InvalidIdentityTokenException', status: 400 })
    expect((await failure(assume('not-a-jwt-at-all'))).message).toBe('The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)')
  })

  it('a token from an issuer with no provider in the role account is refused', async () => {
    const em = createEmulator()
    const other = em.createAccount('444455556666')
    const { token } = await setup(em)
    const c2 = clients(em, other)
    const role = await c2.iam.send(new CreateRoleCommand({ RoleName: 'deploy', AssumeRolePolicyDocument: githubTrust.replaceAll(ACCOUNT, '444455556666') }))
    const anon = clients(em, undefined as unknown as Creds).sts
    const f = await failure(anon.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: role.Role!.Arn, RoleSessionName: 'sess', WebIdentityToken: await token({}) })))
    expect(f).toEqual({ name: 'InvalidIdentityTokenException', status: 400, message: `No OpenIDConnect provider found in your account for ${GH}` })
  })

  it('DurationSeconds beyond the role maximum is a ValidationError', async () => {
    const { token, assume } = await setup()
    expect(await failure(assume(await token({}), { DurationSeconds: 7201 }))).toEqual({
      name: 'ValidationError',
      status: 400,
      message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    })
    await assume(await token({}), { DurationSeconds: 7200 })
  })

  it('IamflowIssueOidcToken needs a registered provider and the account root as caller; AWS-style errors otherwise', async () => {
    const { em, issuer, c } = await setup()
    const f = await failure(issuer.call('IamflowIssueOidcToken', { Issuer: 'https://gitlab.example.com', Subject: 's', Audience: 'a' }))
    expect(f.name).toBe('InvalidParameterValue')
    expect(f.message).toContain(`No OpenID Connect provider for https://gitlab.example.com is registered in account ${ACCOUNT}`)
    // Unsigned: the STS endpoint wants authentication for everything but the federation calls.
    const res = await em.handle(new Request('http://localhost:4566/', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `Action=IamflowIssueOidcToken&Version=2011-06-15&Issuer=${encodeURIComponent(GH)}&Subject=s&Audience=a` }))
    expect(res.status).toBe(403)
    expect(await res.text()).toContain('<Code>MissingAuthenticationToken</Code>')
    // Only the root (the operator) stands for the identity provider: a user of the account, even
    // one allowed everything, cannot mint a token that would open the roles trusting the provider.
    await c.iam.send(new CreateUserCommand({ UserName: 'dev' }))
    await c.iam.send(new PutUserPolicyCommand({ UserName: 'dev', PolicyName: 'all', PolicyDocument: doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]) }))
    const key = (await c.iam.send(new CreateAccessKeyCommand({ UserName: 'dev' }))).AccessKey!
    const dev = clients(em, { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! })
    const refused = await failure(iamflowClient(() => dev.sts, 'http://localhost:4566').call('IamflowIssueOidcToken', { Issuer: GH, Subject: MAIN, Audience: 'sts.amazonaws.com' }))
    expect(refused.name).toBe('AccessDenied')
    expect(refused.message).toBe(`arn:aws:iam::${ACCOUNT}:user/dev may not issue OIDC tokens: on the emulator only the account root (the scenario's operator) stands for the identity provider.`)
    const out = await issuer.call('IamflowIssueOidcToken', { Issuer: GH, Subject: MAIN, Audience: 'sts.amazonaws.com' })
    expect(out.Token!.split('.')).toHaveLength(3)
  })

  it('providers and their issuer keys survive a restart with --state: a token issued before verifies after', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamflow-oidc-state-'))
    try {
      const statePath = join(dir, 'state.json')
      const first = createEmulator({ statePath })
      const { token, roleArn } = await setup(first)
      const jwt = await token({})
      const second = createEmulator({ statePath })
      expect(second.inventory().oidcProviders).toEqual([PROVIDER_ARN])
      const anon = clients(second, undefined as unknown as Creds).sts
      const out = await anon.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: roleArn, RoleSessionName: 'after-restart', WebIdentityToken: jwt }))
      expect(out.SubjectFromWebIdentityToken).toBe(MAIN)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
