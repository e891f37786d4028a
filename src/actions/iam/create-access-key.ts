import type { CreateAccessKeyCommandInput, CreateAccessKeyCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { describe, inputSchema, outputSchema } from '../schema.js'
import { required, undoCall } from '../outcome.js'
import * as f from './fields.js'
import * as s from './shapes.js'

/**
 * `iam.createAccessKey`: create an access key for a user (the caller when UserName is omitted); the output gives an identity.
 * Undone by `iam.deleteAccessKey`.
 * The identity's ARN is not in the output (the user's ARN is resolved later, e.g. by
 * sts.getCallerIdentity).
 */
export const createAccessKey = defineAction<CreateAccessKeyCommandInput, CreateAccessKeyCommandOutput>({
  name: 'iam.createAccessKey',
  service: 'iam',
  command: 'CreateAccessKeyCommand',
  description: 'Create an access key for a user (the caller when UserName is omitted); the output gives an identity.',
  input: inputSchema({
    UserName: describe(f.existingUserName, 'User to create the key for (default: the calling user).'),
  }),
  output: outputSchema({ AccessKey: s.accessKey }),
  creates: true,
  run: async (ctx, input) => {
    const { CreateAccessKeyCommand } = await import('@aws-sdk/client-iam')
    return ctx.clients.iam.send(new CreateAccessKeyCommand(input), { abortSignal: ctx.signal })
  },
  undoActions: ['iam.deleteAccessKey'],
  undo: (input, output) =>
    undoCall('iam.deleteAccessKey', {
      UserName: input.UserName ?? output.AccessKey?.UserName,
      AccessKeyId: required(output.AccessKey?.AccessKeyId, 'iam.createAccessKey', 'AccessKey.AccessKeyId'),
    }),
  identity: (output) => ({
    accessKeyId: required(output.AccessKey?.AccessKeyId, 'iam.createAccessKey', 'AccessKey.AccessKeyId'),
    secretAccessKey: required(output.AccessKey?.SecretAccessKey, 'iam.createAccessKey', 'AccessKey.SecretAccessKey'),
  }),
})
