import type { GetPolicyCommandInput, GetPolicyCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'
import * as s from './shapes.js'

/**
 * `iam.getPolicy`: get a managed policy (metadata; the document is in iam.getPolicyVersion).
 */
export const getPolicy = defineAction<GetPolicyCommandInput, GetPolicyCommandOutput>({
  name: 'iam.getPolicy',
  service: 'iam',
  command: 'GetPolicyCommand',
  description: 'Get a managed policy (metadata; the document is in iam.getPolicyVersion).',
  input: modelInput('iam', 'GetPolicy'),
  output: outputSchema({ Policy: s.policy }),
  readOnly: true,
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'GetPolicy', input, ctx.signal)
  },
})
