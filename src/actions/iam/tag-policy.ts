import type { TagPolicyCommandInput, TagPolicyCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'
import { tagUndo, withPriorTags } from './tag-undo.js'

/**
 * `iam.tagPolicy`: add or overwrite tags on a managed policy.
 * Undone by `iam.untagPolicy`.
 * The undo removes the keys that were new and restores the values it overwrote (the tags are
 * read with `iam.listPolicyTags` first, as the acting identity; when that is refused, the undo
 * removes every key the step set).
 */
export const tagPolicy = defineAction<TagPolicyCommandInput, TagPolicyCommandOutput>({
  name: 'iam.tagPolicy',
  service: 'iam',
  command: 'TagPolicyCommand',
  description: 'Add or overwrite tags on a managed policy.',
  input: modelInput('iam', 'TagPolicy'),
  output: outputSchema({}),
  creates: true,
  changes: ['permissions'],
  run: async (ctx, input) => {
    return withPriorTags(
      async () => (await ctx.clients.call('iam', 'ListPolicyTags', { PolicyArn: input.PolicyArn }, ctx.signal)).Tags,
      () => ctx.clients.call('iam', 'TagPolicy', input, ctx.signal),
    )
  },
  recover: 'from-input',
  dependents: 'none',
  // The run's tags go on what it creates, never on what it only tags: the undo would remove
  // them from a resource the run made, and `cleanup --by-tag` would delete one it did not.
  taggable: false,
  undoActions: ['iam.untagPolicy', 'iam.tagPolicy'],
  undo: (input, output) => tagUndo({ untag: 'iam.untagPolicy', tag: 'iam.tagPolicy' }, { PolicyArn: input.PolicyArn }, input.Tags, output),
})
