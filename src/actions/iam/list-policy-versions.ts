import type { ListPolicyVersionsCommandInput, ListPolicyVersionsCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { list, outputSchema } from '../schema.js'
import * as s from './shapes.js'

/**
 * `iam.listPolicyVersions`: list the versions of a managed policy (no documents).
 */
export const listPolicyVersions = defineAction<ListPolicyVersionsCommandInput, ListPolicyVersionsCommandOutput>({
  name: 'iam.listPolicyVersions',
  service: 'iam',
  command: 'ListPolicyVersionsCommand',
  description: 'List the versions of a managed policy (no documents).',
  input: modelInput('iam', 'ListPolicyVersions'),
  output: outputSchema({ Versions: list(s.policyVersion), ...s.page }),
  readOnly: true,
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'ListPolicyVersions', input, ctx.signal)
  },
})
