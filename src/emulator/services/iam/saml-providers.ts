import { randomUUID } from 'node:crypto'
import type { AccountState, SamlProviderEntity, Tag } from '../../state/model.js'
import { AwsServiceError, type OpContext } from '../types.js'
import { authorize } from './access.js'
import { defineOps } from './define-ops.js'
import { iamErrors } from './errors.js'
import { date, tagsOut } from './output.js'
import { paginateInOrder, type PageInput } from './paginate.js'
import { checkSamlMetadata } from './saml-metadata.js'
import { accountOf } from './store.js'
import { mergeTags, removeTags, requestTagContext, requestTags, resourceTagContext } from './tags.js'

/**
 * IAM SAML 2.0 identity providers (IAM API Reference, CreateSAMLProvider and the operations on
 * `arn:aws:iam::ACCOUNT:saml-provider/NAME`), with the metadata checks of saml-metadata.ts.
 * AssumeRoleWithSAML is not emulated yet; private keys for encrypted assertions are not kept.
 */

/** Default quota "SAML providers per account" (IAM User Guide, IAM and STS quotas). */
export const MAX_SAML_PROVIDERS = 100

const ARN = /^arn:aws:iam::(\d{12}):saml-provider\/[\w.-]+$/

function providersOf(account: AccountState): SamlProviderEntity[] {
  return account.samlProviders ?? []
}

function touched(ctx: OpContext, account: AccountState): void {
  ctx.state.accounts.set(account.id, account)
}

function find(account: AccountState, arn: string): SamlProviderEntity | undefined {
  return providersOf(account).find((p) => p.arn === arn)
}

function require(ctx: OpContext, arn: string): SamlProviderEntity {
  if (!ARN.test(arn)) throw iamErrors.invalidArn(arn)
  const p = find(accountOf(ctx), arn)
  if (!p) throw new AwsServiceError('NoSuchEntity', 404, `Manifest not found for arn ${arn}`)
  return p
}

function authorizeProvider(ctx: OpContext, action: string, arn: string, extra: Record<string, string | string[]> = {}): void {
  // Authorization first, as for every IAM operation (the ARN's form is checked after).
  authorize(ctx, action, arn, { ...resourceTagContext(find(accountOf(ctx), arn)?.tags), ...extra })
  if (!ARN.test(arn)) throw iamErrors.invalidArn(arn)
}

/** The metadata's validUntil, else the first signing certificate's expiry. */
function validUntilOf(text: string): number {
  const meta = checkSamlMetadata(text)
  return meta.validUntil ?? Date.parse(meta.certificates[0]!.validTo)
}

function listTags(tags: Tag[], input: PageInput) {
  const page = paginateInOrder(tags, input)
  return { Tags: page.items.map((t) => ({ Key: t.Key, Value: t.Value })), IsTruncated: page.IsTruncated, Marker: page.Marker }
}

export const samlProviderOperations = defineOps({
  CreateSAMLProvider(ctx, input) {
    const account = accountOf(ctx)
    const tags = requestTags(input.Tags)
    const arn = `arn:aws:iam::${account.id}:saml-provider/${input.Name}`
    authorize(ctx, 'CreateSAMLProvider', arn, requestTagContext(tags))
    const validUntil = validUntilOf(input.SAMLMetadataDocument)
    if (tags.length > 50) throw iamErrors.quota('TagsPerSAMLProvider', 50)
    if (providersOf(account).some((p) => p.name.toLowerCase() === input.Name.toLowerCase())) {
      throw new AwsServiceError('EntityAlreadyExists', 409, `SAMLProvider named ${input.Name} already exists.`)
    }
    if (providersOf(account).length >= MAX_SAML_PROVIDERS) throw iamErrors.quota('SamlProvidersPerAccount', MAX_SAML_PROVIDERS)
    const entity: SamlProviderEntity = {
      arn,
      name: input.Name,
      uuid: `p-${randomUUID()}`,
      metadata: input.SAMLMetadataDocument,
      validUntil,
      createDate: ctx.now,
      tags,
      ...(input.AssertionEncryptionMode ? { assertionEncryptionMode: input.AssertionEncryptionMode } : {}),
    }
    account.samlProviders = [...providersOf(account), entity]
    touched(ctx, account)
    return { SAMLProviderArn: arn, Tags: tagsOut(tags) }
  },

  GetSAMLProvider(ctx, input) {
    authorizeProvider(ctx, 'GetSAMLProvider', input.SAMLProviderArn)
    const p = require(ctx, input.SAMLProviderArn)
    return {
      SAMLProviderUUID: p.uuid,
      SAMLMetadataDocument: p.metadata,
      CreateDate: date(p.createDate),
      ValidUntil: date(p.validUntil),
      Tags: tagsOut(p.tags),
      AssertionEncryptionMode: p.assertionEncryptionMode,
    }
  },

  UpdateSAMLProvider(ctx, input) {
    authorizeProvider(ctx, 'UpdateSAMLProvider', input.SAMLProviderArn)
    const account = accountOf(ctx)
    const p = require(ctx, input.SAMLProviderArn)
    if (input.SAMLMetadataDocument !== undefined) {
      p.validUntil = validUntilOf(input.SAMLMetadataDocument)
      p.metadata = input.SAMLMetadataDocument
    }
    if (input.AssertionEncryptionMode !== undefined) p.assertionEncryptionMode = input.AssertionEncryptionMode
    touched(ctx, account)
    return { SAMLProviderArn: p.arn }
  },

  DeleteSAMLProvider(ctx, input) {
    authorizeProvider(ctx, 'DeleteSAMLProvider', input.SAMLProviderArn)
    const account = accountOf(ctx)
    require(ctx, input.SAMLProviderArn)
    account.samlProviders = providersOf(account).filter((p) => p.arn !== input.SAMLProviderArn)
    touched(ctx, account)
    return undefined
  },

  ListSAMLProviders(ctx) {
    authorize(ctx, 'ListSAMLProviders', '*')
    const list = [...providersOf(accountOf(ctx))].sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0))
    return { SAMLProviderList: list.map((p) => ({ Arn: p.arn, ValidUntil: date(p.validUntil), CreateDate: date(p.createDate) })) }
  },

  TagSAMLProvider(ctx, input) {
    const tags = requestTags(input.Tags)
    authorizeProvider(ctx, 'TagSAMLProvider', input.SAMLProviderArn, requestTagContext(tags) as Record<string, string | string[]>)
    const p = require(ctx, input.SAMLProviderArn)
    p.tags = mergeTags(p.tags, tags, 'TagsPerSAMLProvider')
    touched(ctx, accountOf(ctx))
    return undefined
  },

  UntagSAMLProvider(ctx, input) {
    authorizeProvider(ctx, 'UntagSAMLProvider', input.SAMLProviderArn, { 'aws:TagKeys': input.TagKeys })
    const p = require(ctx, input.SAMLProviderArn)
    p.tags = removeTags(p.tags, input.TagKeys)
    touched(ctx, accountOf(ctx))
    return undefined
  },

  ListSAMLProviderTags(ctx, input) {
    authorizeProvider(ctx, 'ListSAMLProviderTags', input.SAMLProviderArn)
    return listTags(require(ctx, input.SAMLProviderArn).tags, input)
  },
})
