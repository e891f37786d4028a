import type { SetDefaultPolicyVersionCommandInput, SetDefaultPolicyVersionCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { describe, inputSchema, outputSchema } from '../schema.js'
import * as f from './fields.js'

/**
 * `iam.setDefaultPolicyVersion`: make a version the default (effective) version of a managed policy.
 * Not undone: it only moves the default flag between existing versions.
 */
export const setDefaultPolicyVersion = defineAction<SetDefaultPolicyVersionCommandInput, SetDefaultPolicyVersionCommandOutput>({
  name: 'iam.setDefaultPolicyVersion',
  service: 'iam',
  command: 'SetDefaultPolicyVersionCommand',
  description: 'Make a version the default (effective) version of a managed policy.',
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
    const { SetDefaultPolicyVersionCommand } = await import('@aws-sdk/client-iam')
    return ctx.clients.iam.send(new SetDefaultPolicyVersionCommand(input), { abortSignal: ctx.signal })
  },
})
