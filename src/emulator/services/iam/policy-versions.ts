import { authorizePolicy } from './access.js'
import { defineOps } from './define-ops.js'
import { iamErrors } from './errors.js'
import { checkManagedDocument } from './managed-policies.js'
import { paginateInOrder } from './paginate.js'
import { versionOut } from './policy-output.js'
import { policyArnAccount, requireCustomerPolicy, requirePolicy } from './policy-view.js'
import { accountOf } from './store.js'

/**
 * Managed policy versions: at most 5 per policy; ids `v1`, `v2`, ... are never reused; the
 * default version cannot be deleted.
 */

export const MAX_POLICY_VERSIONS = 5

export const policyVersionOperations = defineOps({
  CreatePolicyVersion(ctx, input) {
    policyArnAccount(input.PolicyArn)
    authorizePolicy(ctx, 'CreatePolicyVersion', input.PolicyArn)
    const entity = requireCustomerPolicy(accountOf(ctx), input.PolicyArn)
    if (entity.versions.length >= MAX_POLICY_VERSIONS) {
      throw iamErrors.limitExceeded(
        `A managed policy can have up to ${MAX_POLICY_VERSIONS} versions. Before you create a new version, you must delete an existing version.`,
      )
    }
    checkManagedDocument(input.PolicyDocument)
    const version = { versionId: `v${entity.nextVersion}`, document: input.PolicyDocument, createDate: ctx.now }
    entity.nextVersion += 1
    entity.versions.push(version)
    entity.updateDate = ctx.now
    if (input.SetAsDefault) entity.defaultVersionId = version.versionId
    return { PolicyVersion: versionOut(version, entity.defaultVersionId, false) }
  },

  GetPolicyVersion(ctx, input) {
    policyArnAccount(input.PolicyArn)
    authorizePolicy(ctx, 'GetPolicyVersion', input.PolicyArn)
    const view = requirePolicy(accountOf(ctx), input.PolicyArn)
    const version = view.versions.find((v) => v.versionId === input.VersionId)
    if (!version) throw iamErrors.policyVersionNotFound(view.arn, input.VersionId)
    return { PolicyVersion: versionOut(version, view.defaultVersionId, true) }
  },

  ListPolicyVersions(ctx, input) {
    policyArnAccount(input.PolicyArn)
    authorizePolicy(ctx, 'ListPolicyVersions', input.PolicyArn)
    const view = requirePolicy(accountOf(ctx), input.PolicyArn)
    // Newest first, as IAM lists them.
    const newestFirst = [...view.versions].sort((a, b) => Number(b.versionId.slice(1)) - Number(a.versionId.slice(1)))
    const page = paginateInOrder(newestFirst, input)
    return {
      Versions: page.items.map((v) => versionOut(v, view.defaultVersionId, false)),
      IsTruncated: page.IsTruncated,
      Marker: page.Marker,
    }
  },

  SetDefaultPolicyVersion(ctx, input) {
    policyArnAccount(input.PolicyArn)
    authorizePolicy(ctx, 'SetDefaultPolicyVersion', input.PolicyArn)
    const entity = requireCustomerPolicy(accountOf(ctx), input.PolicyArn)
    if (!entity.versions.some((v) => v.versionId === input.VersionId)) {
      throw iamErrors.policyVersionNotFound(entity.arn, input.VersionId)
    }
    entity.defaultVersionId = input.VersionId
    return undefined
  },

  DeletePolicyVersion(ctx, input) {
    policyArnAccount(input.PolicyArn)
    authorizePolicy(ctx, 'DeletePolicyVersion', input.PolicyArn)
    const entity = requireCustomerPolicy(accountOf(ctx), input.PolicyArn)
    const at = entity.versions.findIndex((v) => v.versionId === input.VersionId)
    if (at < 0) throw iamErrors.policyVersionNotFound(entity.arn, input.VersionId)
    if (entity.defaultVersionId === input.VersionId) {
      throw iamErrors.deleteConflict('Cannot delete the default version of a policy.')
    }
    entity.versions.splice(at, 1)
    return undefined
  },
})
