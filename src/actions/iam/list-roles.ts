import type { ListRolesCommandInput, ListRolesCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { list, outputSchema } from '../schema.js'
import * as s from './shapes.js'
import type { RoleView } from './decode.js'
import { decodeRole } from './decode.js'

/**
 * `iam.listRoles`: list IAM roles (trust policies decoded).
 */
export const listRoles = defineAction<ListRolesCommandInput, Omit<ListRolesCommandOutput, 'Roles'> & { Roles?: RoleView[] }>({
  name: 'iam.listRoles',
  service: 'iam',
  command: 'ListRolesCommand',
  description: 'List IAM roles (trust policies decoded).',
  input: modelInput('iam', 'ListRoles', {
    describe: {
      PathPrefix: 'Only entities whose path starts with this prefix (default /: all).',
    },
  }),
  output: outputSchema({ Roles: list(s.role), ...s.page }),
  readOnly: true,
  run: async (ctx, input) => {
    const output = await ctx.clients.call('iam', 'ListRoles', input, ctx.signal)
    return { ...output, Roles: output.Roles?.map((role) => decodeRole(role)) }
  },
})
