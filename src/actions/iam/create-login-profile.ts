import type { CreateLoginProfileCommandInput, CreateLoginProfileCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'
import { undoCall } from '../outcome.js'
import * as s from './shapes.js'

/**
 * `iam.createLoginProfile`: give a user a console password.
 * Undone by `iam.deleteLoginProfile`.
 */
export const createLoginProfile = defineAction<CreateLoginProfileCommandInput, CreateLoginProfileCommandOutput>({
  name: 'iam.createLoginProfile',
  service: 'iam',
  command: 'CreateLoginProfileCommand',
  description: 'Give a user a console password.',
  input: modelInput('iam', 'CreateLoginProfile', {
    describe: {
      UserName: 'User to give a password.',
      Password: 'The new password (must meet the account password policy).',
      PasswordResetRequired: 'Whether the user must set a new password at next sign-in.',
    },
  }),
  output: outputSchema({ LoginProfile: s.loginProfile }),
  creates: true,
  changes: ['permissions'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'CreateLoginProfile', input, ctx.signal)
  },
  recover: 'from-input',
  dependents: 'none',
  taggable: false,
  undoActions: ['iam.deleteLoginProfile'],
  undo: (input, output) => undoCall('iam.deleteLoginProfile', { UserName: input.UserName ?? output.LoginProfile?.UserName }),
})
