import type { TagUserCommandInput, TagUserCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'
import { undoCall } from '../outcome.js'

/**
 * `iam.tagUser`: add or overwrite tags on a user.
 * Undone by `iam.untagUser`.
 * The undo removes the keys it set; a value it overwrote is not restored.
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
    const { TagUserCommand } = await import('@aws-sdk/client-iam')
    return ctx.clients.iam.send(new TagUserCommand(input), { abortSignal: ctx.signal })
  },
  recover: 'from-input',
  dependents: 'none',
  // The run's tags go on what it creates, never on what it only tags: the undo would remove
  // them from a resource the run made, and `cleanup --by-tag` would delete one it did not.
  taggable: false,
  undoActions: ['iam.untagUser'],
  undo: (input) => undoCall('iam.untagUser', { UserName: input.UserName, TagKeys: (input.Tags ?? []).map((tag) => tag.Key) }),
})
