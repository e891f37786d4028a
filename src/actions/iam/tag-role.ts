import type { TagRoleCommandInput, TagRoleCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'
import { tagUndo, withPriorTags } from './tag-undo.js'

/**
 * `iam.tagRole`: add or overwrite tags on a role.
 * Undone by `iam.untagRole`.
 * The undo removes the keys that were new and restores the values it overwrote (the tags are
 * read with `iam.listRoleTags` first, as the acting identity; when that is refused, the undo
 * removes every key the step set).
 */
export const tagRole = defineAction<TagRoleCommandInput, TagRoleCommandOutput>({
  name: 'iam.tagRole',
  service: 'iam',
  command: 'TagRoleCommand',
  description: 'Add or overwrite tags on a role.',
  input: modelInput('iam', 'TagRole'),
  output: outputSchema({}),
  creates: true,
  changes: ['permissions'],
  run: async (ctx, input) => {
    return withPriorTags(
      async () => (await ctx.clients.call('iam', 'ListRoleTags', { RoleName: input.RoleName }, ctx.signal)).Tags,
      () => ctx.clients.call('iam', 'TagRole', input, ctx.signal),
    )
  },
  recover: 'from-input',
  dependents: 'none',
  // The run's tags go on what it creates, never on what it only tags: the undo would remove
  // them from a resource the run made, and `cleanup --by-tag` would delete one it did not.
  taggable: false,
  undoActions: ['iam.untagRole', 'iam.tagRole'],
  undo: (input, output) => tagUndo({ untag: 'iam.untagRole', tag: 'iam.tagRole' }, { RoleName: input.RoleName }, input.Tags, output),
})
