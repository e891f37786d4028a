import type { TagUserCommandInput, TagUserCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'
import { tagUndo, withPriorTags } from './tag-undo.js'

/**
 * `iam.tagUser`: add or overwrite tags on a user.
 * Undone by `iam.untagUser`.
 * The undo removes the keys that were new and restores the values it overwrote (the tags are
 * read with `iam.listUserTags` first, as the acting identity; when that is refused, the undo
 * removes every key the step set).
 */
export const tagUser = defineAction<TagUserCommandInput, TagUserCommandOutput>({
  name: 'iam.tagUser',
  service: 'iam',
  command: 'TagUserCommand',
  description: 'Add or overwrite tags on a user.',
  input: modelInput('iam', 'TagUser'),
  output: outputSchema({}),
  creates: true,
  changes: ['permissions'],
  run: async (ctx, input) => {
    return withPriorTags(
      async () => (await ctx.clients.call('iam', 'ListUserTags', { UserName: input.UserName }, ctx.signal)).Tags,
      () => ctx.clients.call('iam', 'TagUser', input, ctx.signal),
    )
  },
  recover: 'from-input',
  dependents: 'none',
  // The run's tags go on what it creates, never on what it only tags: the undo would remove
  // them from a resource the run made, and `cleanup --by-tag` would delete one it did not.
  taggable: false,
  undoActions: ['iam.untagUser', 'iam.tagUser'],
  undo: (input, output) => tagUndo({ untag: 'iam.untagUser', tag: 'iam.tagUser' }, { UserName: input.UserName }, input.Tags, output),
})
