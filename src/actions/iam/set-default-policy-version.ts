import type { SetDefaultPolicyVersionCommandInput, SetDefaultPolicyVersionCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'

/**
 * `iam.setDefaultPolicyVersion`: make a version the default (effective) version of a managed policy.
 * Not undone: it only moves the default flag between existing versions.
 */
export const setDefaultPolicyVersion = defineAction<SetDefaultPolicyVersionCommandInput, SetDefaultPolicyVersionCommandOutput>({
  name: 'iam.setDefaultPolicyVersion',
  service: 'iam',
  command: 'SetDefaultPolicyVersionCommand',
  description: 'Make a version the default (effective) version of a managed policy.',
  input: modelInput('iam', 'SetDefaultPolicyVersion'),
  output: outputSchema({}),
  changes: ['permissions'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'SetDefaultPolicyVersion', input, ctx.signal)
  },
})
