import type { AddRoleToInstanceProfileCommandInput, AddRoleToInstanceProfileCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { undoCall } from '../outcome.js'
import { outputSchema } from '../schema.js'

/**
 * `iam.addRoleToInstanceProfile`: put a role in an instance profile (one role per profile;
 * the caller needs `iam:PassRole` on the role). Undone by `iam.removeRoleFromInstanceProfile`.
 */
export const addRoleToInstanceProfile = defineAction<AddRoleToInstanceProfileCommandInput, AddRoleToInstanceProfileCommandOutput>({
  name: 'iam.addRoleToInstanceProfile',
  service: 'iam',
  command: 'AddRoleToInstanceProfileCommand',
  description: 'Add a role to an instance profile (at most one role per profile).',
  input: modelInput('iam', 'AddRoleToInstanceProfile', {
    describe: { InstanceProfileName: 'Name of the instance profile.', RoleName: 'Name of the role to put in it.' },
  }),
  output: outputSchema({}),
  creates: true,
  changes: ['permissions'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'AddRoleToInstanceProfile', input, ctx.signal)
  },
  recover: 'from-input',
  dependents: 'none',
  taggable: false,
  undoActions: ['iam.removeRoleFromInstanceProfile'],
  undo: (input) => undoCall('iam.removeRoleFromInstanceProfile', { InstanceProfileName: input.InstanceProfileName, RoleName: input.RoleName }),
})
