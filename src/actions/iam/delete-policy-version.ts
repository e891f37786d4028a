import type { DeletePolicyVersionCommandInput, DeletePolicyVersionCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { describe, inputSchema, outputSchema } from '../schema.js'
import * as f from './fields.js'

/**
 * `iam.deletePolicyVersion`: delete a non-default version of a managed policy.
 */
export const deletePolicyVersion = defineAction<DeletePolicyVersionCommandInput, DeletePolicyVersionCommandOutput>({
  name: 'iam.deletePolicyVersion',
  service: 'iam',
  command: 'DeletePolicyVersionCommand',
  description: 'Delete a non-default version of a managed policy.',
  input: inputSchema(
    {
      PolicyArn: describe(f.arn, 'ARN of the managed policy.'),
      VersionId: describe(f.policyVersionId, 'Policy version ID, e.g. v2.'),
    },
    ['PolicyArn', 'VersionId'],
  ),
  output: outputSchema({}),
  changes: ['permissions'],
  run: async (ctx, input) => {
    const { DeletePolicyVersionCommand } = await import('@aws-sdk/client-iam')
    return ctx.clients.iam.send(new DeletePolicyVersionCommand(input), { abortSignal: ctx.signal })
  },
})
