import type { GetRoleCommandInput, GetRoleCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'
import * as s from './shapes.js'
import type { RoleView } from './decode.js'
import { decodeRole } from './decode.js'

/**
 * `iam.getRole`: get an IAM role; its trust policy is returned decoded.
 */
export const getRole = defineAction<GetRoleCommandInput, Omit<GetRoleCommandOutput, 'Role'> & { Role?: RoleView }>({
  name: 'iam.getRole',
  service: 'iam',
  command: 'GetRoleCommand',
  description: 'Get an IAM role; its trust policy is returned decoded.',
  input: modelInput('iam', 'GetRole'),
  output: outputSchema({ Role: s.role }),
  readOnly: true,
  run: async (ctx, input) => {
    const output = await ctx.clients.call('iam', 'GetRole', input, ctx.signal)
    return { ...output, Role: decodeRole(output.Role) }
  },
})
