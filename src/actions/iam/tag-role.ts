import type { TagRoleCommandInput, TagRoleCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { describe, inputSchema, outputSchema } from '../schema.js'
import { undoCall } from '../outcome.js'
import * as f from './fields.js'

/**
 * `iam.tagRole`: add or overwrite tags on a role.
 * Undone by `iam.untagRole`.
 * The undo removes the keys it set; a value it overwrote is not restored.
 */
export const tagRole = defineAction<TagRoleCommandInput, TagRoleCommandOutput>({
  name: 'iam.tagRole',
  service: 'iam',
  command: 'TagRoleCommand',
  description: 'Add or overwrite tags on a role.',
  input: inputSchema(
    {
      RoleName: describe(f.roleName, 'Name of the IAM role.'),
      Tags: f.tags,
    },
    ['RoleName', 'Tags'],
  ),
  output: outputSchema({}),
  creates: true,
  changes: ['permissions'],
  run: async (ctx, input) => {
    const { TagRoleCommand } = await import('@aws-sdk/client-iam')
    return ctx.clients.iam.send(new TagRoleCommand(input), { abortSignal: ctx.signal })
  },
  recover: 'from-input',
  dependents: 'none',
  // The run's tags go on what it creates, never on what it only tags: the undo would remove
  // them from a resource the run made, and `cleanup --by-tag` would delete one it did not.
  taggable: false,
  undoActions: ['iam.untagRole'],
  undo: (input) => undoCall('iam.untagRole', { RoleName: input.RoleName, TagKeys: (input.Tags ?? []).map((tag) => tag.Key) }),
})
