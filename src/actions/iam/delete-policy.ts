import type { DeletePolicyCommandInput, DeletePolicyCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { describe, inputSchema, outputSchema } from '../schema.js'
import * as f from './fields.js'

/**
 * `iam.deletePolicy`: delete a customer managed policy (detached, with only its default version left).
 */
export const deletePolicy = defineAction<DeletePolicyCommandInput, DeletePolicyCommandOutput>({
  name: 'iam.deletePolicy',
  service: 'iam',
  command: 'DeletePolicyCommand',
  description: 'Delete a customer managed policy (detached, with only its default version left).',
  input: inputSchema(
    {
      PolicyArn: describe(f.arn, 'ARN of the managed policy.'),
    },
    ['PolicyArn'],
  ),
  output: outputSchema({}),
  changes: ['permissions'],
  run: async (ctx, input) => {
    const { DeletePolicyCommand } = await import('@aws-sdk/client-iam')
    return ctx.clients.iam.send(new DeletePolicyCommand(input), { abortSignal: ctx.signal })
  },
})
