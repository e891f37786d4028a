import type { GetPolicyVersionCommandInput, GetPolicyVersionCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'
import * as s from './shapes.js'
import type { PolicyVersionView } from './decode.js'
import { decodePolicyVersion } from './decode.js'

/**
 * `iam.getPolicyVersion`: get one version of a managed policy; its document is returned decoded.
 */
export const getPolicyVersion = defineAction<GetPolicyVersionCommandInput, Omit<GetPolicyVersionCommandOutput, 'PolicyVersion'> & { PolicyVersion?: PolicyVersionView }>({
  name: 'iam.getPolicyVersion',
  service: 'iam',
  command: 'GetPolicyVersionCommand',
  description: 'Get one version of a managed policy; its document is returned decoded.',
  input: modelInput('iam', 'GetPolicyVersion'),
  output: outputSchema({ PolicyVersion: s.policyVersion }),
  readOnly: true,
  run: async (ctx, input) => {
    const output = await ctx.clients.call('iam', 'GetPolicyVersion', input, ctx.signal)
    return { ...output, PolicyVersion: decodePolicyVersion(output.PolicyVersion) }
  },
})
