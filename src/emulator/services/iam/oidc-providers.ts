import { generateKeyPair, randomBytes } from 'node:crypto'
import { promisify } from 'node:util'
import type { AccountState, OidcProviderEntity, Tag } from '../../state/model.js'
import type { OpContext } from '../types.js'
import { authorize } from './access.js'
import { defineOps } from './define-ops.js'
import { iamErrors } from './errors.js'
import { date, tagsOut } from './output.js'
import { paginateInOrder, type PageInput } from './paginate.js'
import { accountOf } from './store.js'
import { mergeTags, removeTags, requestTagContext, requestTags, resourceTagContext } from './tags.js'
import { AwsServiceError } from '../types.js'

/**
 * IAM OpenID Connect identity providers (IAM API Reference, CreateOpenIDConnectProvider and
 * the operations on `arn:aws:iam::ACCOUNT:oidc-provider/HOST/PATH`). Each provider also gets an
 * RS256 key pair: the emulator is the issuer of the providers registered in it
 * (`IamflowIssueOidcToken`), and AssumeRoleWithWebIdentity verifies tokens with that key.
 */

/** Default quota "OpenId connect providers per account" (IAM User Guide, IAM and STS quotas). */
export const MAX_OIDC_PROVIDERS = 100
/** "You can register up to five thumbprints" (CreateOpenIDConnectProvider, ThumbprintList). */
export const MAX_THUMBPRINTS = 5
/** "You can register up to 100 client IDs" (CreateOpenIDConnectProvider, ClientIDList). */
export const MAX_CLIENT_IDS = 100

const ARN = /^arn:aws:iam::(\d{12}):oidc-provider\/(.+)$/

/** `https://token.actions.githubusercontent.com` -> `token.actions.githubusercontent.com`. */
export function providerPath(url: string): string {
  return url.replace(/^https:\/\//i, '').replace(/\/+$/, '')
}

export function oidcProviderArn(accountId: string, url: string): string {
  return `arn:aws:iam::${accountId}:oidc-provider/${providerPath(url)}`
}

/** The account's providers (an empty list before the first is created). */
export function oidcProvidersOf(account: AccountState): OidcProviderEntity[] {
  return account.oidcProviders ?? []
}

/** The provider registered for an issuer (`iss` claim) in `account`, if any. */
export function findOidcProviderByIssuer(account: AccountState, issuer: string): OidcProviderEntity | undefined {
  const path = providerPath(issuer)
  return oidcProvidersOf(account).find((p) => providerPath(p.url) === path)
}

/** Record a change of the account's own fields (the journal tracks the account unit on a keyed touch). */
function touched(ctx: OpContext, account: AccountState): void {
  ctx.state.accounts.set(account.id, account)
}

function checkArn(arn: string): void {
  if (!ARN.test(arn)) throw iamErrors.invalidArn(arn)
}

function notFound(arn: string): AwsServiceError {
  return new AwsServiceError('NoSuchEntity', 404, `OpenIDConnect Provider not found for arn ${arn}`)
}

function find(account: AccountState, arn: string): OidcProviderEntity | undefined {
  return oidcProvidersOf(account).find((p) => p.arn === arn)
}

function require(account: AccountState, arn: string): OidcProviderEntity {
  const provider = find(account, arn)
  if (!provider) throw notFound(arn)
  return provider
}

/** Authorize `iam:<action>` on a provider ARN with its tags as `aws:ResourceTag/*`. */
function authorizeProvider(ctx: OpContext, action: string, arn: string, extra: Record<string, unknown> = {}): void {
  const tags = find(accountOf(ctx), arn)?.tags
  // Authorization first, as for every IAM operation: a caller without the permission learns
  // nothing about the input (the ARN's form included).
  authorize(ctx, action, arn, { ...resourceTagContext(tags), ...(extra as Record<string, never>) })
  checkArn(arn)
}

function checkThumbprints(list: string[]): string[] {
  if (list.length > MAX_THUMBPRINTS) throw iamErrors.limitExceeded(`Thumbprint list must contain fewer than ${MAX_THUMBPRINTS + 1} entries.`)
  for (const t of list) if (!/^[0-9a-fA-F]{40}$/.test(t)) throw iamErrors.invalidInput(`Thumbprint ${t} is not a 40-character hexadecimal string.`)
  return [...new Set(list.map((t) => t.toLowerCase()))]
}

const generateRsa = promisify(generateKeyPair)

/**
 * The provider's issuer key, made on first use (off the event loop: 2048-bit RSA generation
 * takes tens of milliseconds, more on a busy machine). The caller journals the account change.
 */
export async function issuerKey(provider: OidcProviderEntity): Promise<NonNullable<OidcProviderEntity['signingKey']>> {
  if (provider.signingKey) return provider.signingKey
  const { privateKey } = await generateRsa('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } })
  // Another request may have made one meanwhile: keep the first, so its tokens stay valid.
  provider.signingKey ??= { kid: randomBytes(10).toString('hex'), privateKeyPem: privateKey }
  return provider.signingKey
}

function listTags(tags: Tag[], input: PageInput) {
  const page = paginateInOrder(tags, input)
  return { Tags: page.items.map((t) => ({ Key: t.Key, Value: t.Value })), IsTruncated: page.IsTruncated, Marker: page.Marker }
}

export const oidcProviderOperations = defineOps({
  CreateOpenIDConnectProvider(ctx, input) {
    const account = accountOf(ctx)
    const tags = requestTags(input.Tags)
    // Authorization first (on the ARN the URL would give), then the URL's form.
    const arn = oidcProviderArn(account.id, input.Url)
    authorize(ctx, 'CreateOpenIDConnectProvider', arn, requestTagContext(tags))
    if (!/^https:\/\/[^/\s]+/i.test(input.Url)) throw iamErrors.invalidInput(`Invalid Open ID Connect Provider URL: ${input.Url}. It must begin with https://`)
    const clientIds = [...new Set(input.ClientIDList ?? [])]
    if (clientIds.length > MAX_CLIENT_IDS) throw iamErrors.limitExceeded(`Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: ${MAX_CLIENT_IDS}`)
    const thumbprints = checkThumbprints(input.ThumbprintList ?? [])
    if (tags.length > 50) throw iamErrors.quota('TagsPerOpenIdConnectProvider', 50)
    if (find(account, arn)) throw new AwsServiceError('EntityAlreadyExists', 409, `Provider with url ${input.Url} already exists.`)
    const providers = oidcProvidersOf(account)
    if (providers.length >= MAX_OIDC_PROVIDERS) throw iamErrors.quota('OpenIdConnectProvidersPerAccount', MAX_OIDC_PROVIDERS)
    account.oidcProviders = [...providers, { arn, url: input.Url, clientIds, thumbprints, createDate: ctx.now, tags }]
    touched(ctx, account)
    return { OpenIDConnectProviderArn: arn, Tags: tagsOut(tags) }
  },

  GetOpenIDConnectProvider(ctx, input) {
    authorizeProvider(ctx, 'GetOpenIDConnectProvider', input.OpenIDConnectProviderArn)
    const p = require(accountOf(ctx), input.OpenIDConnectProviderArn)
    return { Url: providerPath(p.url), ClientIDList: [...p.clientIds], ThumbprintList: [...p.thumbprints], CreateDate: date(p.createDate), Tags: tagsOut(p.tags) }
  },

  /** Idempotent: deleting a provider that does not exist succeeds (API Reference). */
  DeleteOpenIDConnectProvider(ctx, input) {
    authorizeProvider(ctx, 'DeleteOpenIDConnectProvider', input.OpenIDConnectProviderArn)
    const account = accountOf(ctx)
    if (!find(account, input.OpenIDConnectProviderArn)) return undefined
    account.oidcProviders = oidcProvidersOf(account).filter((p) => p.arn !== input.OpenIDConnectProviderArn)
    touched(ctx, account)
    return undefined
  },

  ListOpenIDConnectProviders(ctx) {
    const account = accountOf(ctx)
    authorize(ctx, 'ListOpenIDConnectProviders', '*')
    const arns = oidcProvidersOf(account).map((p) => p.arn).sort()
    return { OpenIDConnectProviderList: arns.map((Arn) => ({ Arn })) }
  },

  /** Adding a client ID that is already registered changes nothing (API Reference). */
  AddClientIDToOpenIDConnectProvider(ctx, input) {
    authorizeProvider(ctx, 'AddClientIDToOpenIDConnectProvider', input.OpenIDConnectProviderArn)
    const account = accountOf(ctx)
    const p = require(account, input.OpenIDConnectProviderArn)
    if (p.clientIds.includes(input.ClientID)) return undefined
    if (p.clientIds.length >= MAX_CLIENT_IDS) throw iamErrors.limitExceeded(`Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: ${MAX_CLIENT_IDS}`)
    p.clientIds = [...p.clientIds, input.ClientID]
    touched(ctx, account)
    return undefined
  },

  /** Removing a client ID that is not registered succeeds (API Reference: idempotent). */
  RemoveClientIDFromOpenIDConnectProvider(ctx, input) {
    authorizeProvider(ctx, 'RemoveClientIDFromOpenIDConnectProvider', input.OpenIDConnectProviderArn)
    const account = accountOf(ctx)
    const p = require(account, input.OpenIDConnectProviderArn)
    p.clientIds = p.clientIds.filter((c) => c !== input.ClientID)
    touched(ctx, account)
    return undefined
  },

  /** Replaces the whole list (API Reference). */
  UpdateOpenIDConnectProviderThumbprint(ctx, input) {
    authorizeProvider(ctx, 'UpdateOpenIDConnectProviderThumbprint', input.OpenIDConnectProviderArn)
    const account = accountOf(ctx)
    const p = require(account, input.OpenIDConnectProviderArn)
    p.thumbprints = checkThumbprints(input.ThumbprintList)
    touched(ctx, account)
    return undefined
  },

  TagOpenIDConnectProvider(ctx, input) {
    const tags = requestTags(input.Tags)
    authorizeProvider(ctx, 'TagOpenIDConnectProvider', input.OpenIDConnectProviderArn, requestTagContext(tags))
    const account = accountOf(ctx)
    const p = require(account, input.OpenIDConnectProviderArn)
    p.tags = mergeTags(p.tags, tags, 'TagsPerOpenIdConnectProvider')
    touched(ctx, account)
    return undefined
  },

  UntagOpenIDConnectProvider(ctx, input) {
    authorizeProvider(ctx, 'UntagOpenIDConnectProvider', input.OpenIDConnectProviderArn, { 'aws:TagKeys': input.TagKeys })
    const account = accountOf(ctx)
    const p = require(account, input.OpenIDConnectProviderArn)
    p.tags = removeTags(p.tags, input.TagKeys)
    touched(ctx, account)
    return undefined
  },

  ListOpenIDConnectProviderTags(ctx, input) {
    authorizeProvider(ctx, 'ListOpenIDConnectProviderTags', input.OpenIDConnectProviderArn)
    return listTags(require(accountOf(ctx), input.OpenIDConnectProviderArn).tags, input)
  },
})
