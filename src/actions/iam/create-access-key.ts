import type { CreateAccessKeyCommandInput, CreateAccessKeyCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'
import { required, undoCall } from '../outcome.js'
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
  input: modelInput('iam', 'CreateAccessKey', {
    describe: {
      UserName: 'User to create the key for (default: the calling user).',
    },
  }),
  output: outputSchema({ AccessKey: s.accessKey }),
  creates: true,
  changes: ['permissions', 'credentials'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'CreateAccessKey', input, ctx.signal)
  },
  // AWS assigns the key id: the user's keys created since the intent.
  recover: async (input, { calls, since }) => {
    if (typeof input.UserName !== 'string') return undefined
    const keys = await calls.listAll('iam.listAccessKeys', { UserName: input.UserName }, 'AccessKeyMetadata')
    return keys
      .filter((k) => k.AccessKeyId && (!k.CreateDate || new Date(k.CreateDate).getTime() >= since))
      .map((k) => ({ action: 'iam.deleteAccessKey', input: { UserName: input.UserName, AccessKeyId: k.AccessKeyId } }))
  },
  dependents: 'none',
  // CreateAccessKey takes no tags.
  taggable: false,
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
