import type { ListMFADeviceTagsCommandInput, ListMFADeviceTagsCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'
import * as s from './shapes.js'

/**
 * `iam.listMFADeviceTags`: List the tags of a virtual MFA device.
 */
export const listMFADeviceTags = defineAction<ListMFADeviceTagsCommandInput, ListMFADeviceTagsCommandOutput>({
  name: 'iam.listMFADeviceTags',
  service: 'iam',
  command: 'ListMFADeviceTagsCommand',
  description: 'List the tags of a virtual MFA device.',
  input: modelInput('iam', 'ListMFADeviceTags'),
  output: outputSchema({ Tags: s.tagList, ...s.page }),
  readOnly: true,
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'ListMFADeviceTags', input, ctx.signal)
  },

})
