import { decodeMessage } from '../../authz/encoded-message.js'
import { ownGet } from '../../../safe-object.js'
import { inputMember } from '../../../aws-model/shapes.js'
import { AwsServiceError, type Operation } from '../types.js'
import { Validator } from '../validation.js'
import { scalarOf } from '../validation-message.js'

/**
 * DecodeAuthorizationMessage: the caller needs sts:DecodeAuthorizationMessage (on `*`); the
 * message must be one the emulator encoded for a denial (authz/encoded-message.ts: the
 * `encodedMessage` of an `x-iamflow-decision` header). Anything else is
 * InvalidAuthorizationMessageException, as AWS answers a message it did not make.
 */
export const decodeAuthorizationMessage: Operation<Record<string, unknown>> = (ctx, raw) => {
  const encoded = scalarOf(ownGet(raw, 'EncodedMessage'))
  const v = new Validator()
  if (v.required(encoded, 'encodedMessage')) v.string(encoded, 'encodedMessage', inputMember('sts', 'DecodeAuthorizationMessage', 'EncodedMessage')!)
  v.throwIfAny()
  ctx.authorize('sts:DecodeAuthorizationMessage', '*')
  const decoded = decodeMessage(encoded!)
  if (decoded === undefined) throw new AwsServiceError('InvalidAuthorizationMessageException', 400, 'The encoded authorization message is invalid.')
  return { DecodedMessage: decoded }
}
