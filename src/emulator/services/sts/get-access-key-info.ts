import { AwsServiceError, type Operation } from '../types.js'
import { inputMember } from '../../../aws-model/shapes.js'
import { Validator } from '../validation.js'
import { scalarOf } from '../validation-message.js'

/** GetAccessKeyInfo: the account that owns an access key id (long-term or temporary). */
export const getAccessKeyInfo: Operation<{ AccessKeyId?: string }, { Account: string }> = (ctx, raw) => {
  const input = { AccessKeyId: scalarOf(raw.AccessKeyId) }
  const v = new Validator()
  if (v.required(input.AccessKeyId, 'accessKeyId')) v.string(input.AccessKeyId, 'accessKeyId', inputMember('sts', 'GetAccessKeyInfo', 'AccessKeyId')!)
  v.throwIfAny()
  ctx.authorize('sts:GetAccessKeyInfo', '*')
  const id = input.AccessKeyId!
  const account = ctx.state.accessKeys.get(id)?.accountId ?? ctx.state.sessions.get(id)?.accountId
  if (!account) throw new AwsServiceError('InvalidParameterValue', 400, 'The access key ID provided is not valid.')
  return { Account: account }
}
