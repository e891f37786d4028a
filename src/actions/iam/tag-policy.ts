import type { TagPolicyCommandInput, TagPolicyCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'
import { undoCall } from '../outcome.js'

/**
 * `iam.tagPolicy`: add or overwrite tags on a managed policy.
 * Undone by `iam.untagPolicy`.
 * The undo removes the keys it set; a value it overwrote is not restored.
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
    const { TagPolicyCommand } = await import('@aws-sdk/client-iam')
    return ctx.clients.iam.send(new TagPolicyCommand(input), { abortSignal: ctx.signal })
  },
  recover: 'from-input',
  dependents: 'none',
  // The run's tags go on what it creates, never on what it only tags: the undo would remove
  // them from a resource the run made, and `cleanup --by-tag` would delete one it did not.
  taggable: false,
  undoActions: ['iam.untagPolicy'],
  undo: (input) => undoCall('iam.untagPolicy', { PolicyArn: input.PolicyArn, TagKeys: (input.Tags ?? []).map((tag) => tag.Key) }),
})
