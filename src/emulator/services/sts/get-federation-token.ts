import { inputMember } from '../../../aws-model/shapes.js'
import { ownGet } from '../../../safe-object.js'
import { AwsServiceError, type Operation } from '../types.js'
import { Validator } from '../validation.js'
import { policyArnsOf, sessionTagsOf } from './input-lists.js'
import { scalarOf } from '../validation-message.js'
import { requestTagContext } from '../iam/tags.js'
import { credentialsOutput, issueSession } from './credentials.js'
import { checkSessionPolicies, packedPolicySize } from './session-policies.js'

/** Root's federated sessions are capped at one hour (STS API Reference, GetFederationToken). */
const ROOT_MAX_SECONDS = 3600
const DEFAULT_SECONDS = 43200

const shape = (member: string) => inputMember('sts', 'GetFederationToken', member)!

/**
 * GetFederationToken: a federated user session (`arn:aws:sts::ACCOUNT:federated-user/NAME`)
 * for an IAM user's long-term credentials (or root's, at most one hour). Its permissions are the
 * intersection of the user's policies and the session policies passed here: none passed, no
 * permissions (authz/authorize.ts). The caller needs sts:GetFederationToken on the
 * federated-user ARN.
 */
export const getFederationToken: Operation<Record<string, unknown>> = (ctx, raw) => {
  const s = (k: string) => scalarOf(ownGet(raw, k))
  const name = s('Name')
  const policy = s('Policy')
  const v = new Validator()
  if (v.required(name, 'name')) v.string(name, 'name', shape('Name'))
  v.string(policy, 'policy', shape('Policy'))
  const duration = v.integer(s('DurationSeconds'), 'durationSeconds', shape('DurationSeconds'))
  const policyArns = policyArnsOf(v, 'GetFederationToken', ownGet(raw, 'PolicyArns'))
  const tags = sessionTagsOf(v, 'GetFederationToken', ownGet(raw, 'Tags'))
  v.throwIfAny()
  const caller = ctx.caller
  if (caller.kind === 'session') {
    throw new AwsServiceError('AccessDenied', 403, 'Cannot call GetFederationToken with session credentials')
  }
  checkSessionPolicies(policy, policyArns)
  const account = caller.account.id
  const arn = `arn:aws:sts::${account}:federated-user/${name}`
  ctx.authorize('sts:GetFederationToken', arn, tags.length ? { context: requestTagContext(tags) } : undefined)
  const isRoot = caller.kind === 'root'
  if (isRoot && duration !== undefined && duration > ROOT_MAX_SECONDS) {
    throw new AwsServiceError('ValidationError', 400, 'The requested DurationSeconds exceeds the 1 hour session limit for root.')
  }
  const seconds = duration ?? (isRoot ? ROOT_MAX_SECONDS : DEFAULT_SECONDS)
  const sessionPolicy = policy !== undefined || policyArns.length ? { ...(policy !== undefined ? { inline: policy } : {}), arns: policyArns } : undefined
  const session = issueSession(ctx.state, ctx.now, {
    expiration: ctx.now + seconds * 1000,
    kind: 'federation-token',
    accountId: account,
    federatedName: name!,
    ...(caller.principal.username !== undefined ? { userName: caller.principal.username } : {}),
    ...(sessionPolicy ? { sessionPolicy } : {}),
    ...(tags.length ? { sessionTags: tags } : {}),
    chained: false,
    mfa: false,
    parentAccessKeyId: caller.accessKeyId,
  })
  const packed = packedPolicySize(policy, policyArns, tags)
  return {
    Credentials: credentialsOutput(session),
    FederatedUser: { FederatedUserId: `${account}:${name}`, Arn: arn },
    ...(packed !== undefined ? { PackedPolicySize: packed } : {}),
  }
}
