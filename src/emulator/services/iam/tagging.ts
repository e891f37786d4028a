import type { Tag } from '../../state/model.js'
import type { OpContext } from '../types.js'
import { authorizePolicy, authorizeRole, authorizeUser } from './access.js'
import { defineOps } from './define-ops.js'
import { paginateInOrder, type PageInput } from './paginate.js'
import { policyArnAccount, requireCustomerPolicy } from './policy-view.js'
import { accountOf, requireRole, requireUser } from './store.js'
import { mergeTags, removeTags, requestTagContext, requestTags } from './tags.js'

/** Tag/Untag/List tags of users, roles and customer managed policies. */

type TagInput = { Tags: Array<{ Key: string; Value: string }> }
type UntagInput = { TagKeys: string[] }

function listTags(tags: Tag[], input: PageInput) {
  const page = paginateInOrder(tags, input)
  return { Tags: page.items.map((t) => ({ Key: t.Key, Value: t.Value })), IsTruncated: page.IsTruncated, Marker: page.Marker }
}

/**
 * ListPolicyTags lists keys shortest first, then by code unit (`A` before `a`): recorded from
 * AWS, LocalStack tests/aws/services/iam/test_iam_policies.snapshot.json (b04c14c):
 * test_policy_tag_order (2026-02-18) created `abc, b, z, a` and listed `a, b, z, abc`;
 * test_policy_tag_lifecycle / test_policy_tag_operations created `a, A` and listed `A, a`.
 * CreatePolicy answers the request's order (the same recording); GetPolicy's order is recorded
 * only for keys the two orders agree on, so it keeps the stored order. The other List*Tags are
 * recorded only for keys in both orders at once (docs/fidelity.md): they keep the stored order.
 */
export function policyTagOrder(tags: Tag[]): Tag[] {
  return [...tags].sort((a, b) => a.Key.length - b.Key.length || (a.Key < b.Key ? -1 : a.Key > b.Key ? 1 : 0))
}

const untagContext = (keys: string[]) => ({ 'aws:TagKeys': keys })

export const taggingOperations = defineOps({
  TagUser(ctx: OpContext, input: { UserName: string } & TagInput) {
    const tags = requestTags(input.Tags)
    authorizeUser(ctx, 'TagUser', input.UserName, requestTagContext(tags))
    const user = requireUser(accountOf(ctx), input.UserName)
    user.tags = mergeTags(user.tags, tags, 'TagsPerUser')
    return undefined
  },
  UntagUser(ctx: OpContext, input: { UserName: string } & UntagInput) {
    authorizeUser(ctx, 'UntagUser', input.UserName, untagContext(input.TagKeys))
    const user = requireUser(accountOf(ctx), input.UserName)
    user.tags = removeTags(user.tags, input.TagKeys)
    return undefined
  },
  ListUserTags(ctx: OpContext, input: { UserName: string } & PageInput) {
    authorizeUser(ctx, 'ListUserTags', input.UserName)
    return listTags(requireUser(accountOf(ctx), input.UserName).tags, input)
  },

  TagRole(ctx: OpContext, input: { RoleName: string } & TagInput) {
    const tags = requestTags(input.Tags)
    authorizeRole(ctx, 'TagRole', input.RoleName, requestTagContext(tags))
    const role = requireRole(accountOf(ctx), input.RoleName)
    role.tags = mergeTags(role.tags, tags, 'TagsPerRole')
    return undefined
  },
  UntagRole(ctx: OpContext, input: { RoleName: string } & UntagInput) {
    authorizeRole(ctx, 'UntagRole', input.RoleName, untagContext(input.TagKeys))
    const role = requireRole(accountOf(ctx), input.RoleName)
    role.tags = removeTags(role.tags, input.TagKeys)
    return undefined
  },
  ListRoleTags(ctx: OpContext, input: { RoleName: string } & PageInput) {
    authorizeRole(ctx, 'ListRoleTags', input.RoleName)
    return listTags(requireRole(accountOf(ctx), input.RoleName).tags, input)
  },

  TagPolicy(ctx: OpContext, input: { PolicyArn: string } & TagInput) {
    policyArnAccount(input.PolicyArn)
    const tags = requestTags(input.Tags, 'policy')
    authorizePolicy(ctx, 'TagPolicy', input.PolicyArn, requestTagContext(tags))
    const policy = requireCustomerPolicy(accountOf(ctx), input.PolicyArn)
    policy.tags = mergeTags(policy.tags, tags, 'TagsPerPolicy', 'policy')
    return undefined
  },
  UntagPolicy(ctx: OpContext, input: { PolicyArn: string } & UntagInput) {
    policyArnAccount(input.PolicyArn)
    authorizePolicy(ctx, 'UntagPolicy', input.PolicyArn, untagContext(input.TagKeys))
    const policy = requireCustomerPolicy(accountOf(ctx), input.PolicyArn)
    policy.tags = removeTags(policy.tags, input.TagKeys, 'policy')
    return undefined
  },
  ListPolicyTags(ctx: OpContext, input: { PolicyArn: string } & PageInput) {
    policyArnAccount(input.PolicyArn)
    authorizePolicy(ctx, 'ListPolicyTags', input.PolicyArn)
    return listTags(policyTagOrder(requireCustomerPolicy(accountOf(ctx), input.PolicyArn).tags), input)
  },
})
