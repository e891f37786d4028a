import { inputMember } from '../../../aws-model/shapes.js'
import { ownGet } from '../../../safe-object.js'
import { scalarOf } from '../validation-message.js'
import { Validator } from '../validation.js'
import { policyArnsOf } from './input-lists.js'

/** AssumeRoleWithWebIdentity input after model validation (botocore sts 2011-06-15). */
export interface WebIdentityInput {
  roleArn: string
  sessionName: string
  token: string
  providerId?: string
  duration?: number
  policy?: string
  policyArns: string[]
}

const shape = (member: string) => inputMember('sts', 'AssumeRoleWithWebIdentity', member)!

/** Check every model constraint of AssumeRoleWithWebIdentityRequest, in AWS's wording. */
export function validateWebIdentity(input: Record<string, unknown>): WebIdentityInput {
  const s = (k: string) => scalarOf(ownGet(input, k))
  const raw = { roleArn: s('RoleArn'), sessionName: s('RoleSessionName'), token: s('WebIdentityToken'), providerId: s('ProviderId'), duration: s('DurationSeconds'), policy: s('Policy') }
  const v = new Validator()
  if (v.required(raw.roleArn, 'roleArn')) v.string(raw.roleArn, 'roleArn', shape('RoleArn'))
  if (v.required(raw.sessionName, 'roleSessionName')) v.string(raw.sessionName, 'roleSessionName', shape('RoleSessionName'))
  if (v.required(raw.token, 'webIdentityToken')) v.string(raw.token, 'webIdentityToken', shape('WebIdentityToken'))
  v.string(raw.providerId, 'providerId', shape('ProviderId'))
  const duration = v.integer(raw.duration, 'durationSeconds', shape('DurationSeconds'))
  v.string(raw.policy, 'policy', shape('Policy'))
  const policyArns = policyArnsOf(v, 'AssumeRoleWithWebIdentity', ownGet(input, 'PolicyArns'))
  v.throwIfAny()
  return {
    roleArn: raw.roleArn!,
    sessionName: raw.sessionName!,
    token: raw.token!,
    ...(raw.providerId !== undefined ? { providerId: raw.providerId } : {}),
    ...(duration !== undefined ? { duration } : {}),
    ...(raw.policy !== undefined ? { policy: raw.policy } : {}),
    policyArns,
  }
}
