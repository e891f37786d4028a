import { AwsServiceError, type Operation } from '../types.js'
import { Validator } from '../validation.js'
import { scalarOf } from '../validation-message.js'
import type { StsInputs } from '../../../aws-model/inputs.generated.js'
import { inputMember } from '../../../aws-model/shapes.js'
import type { ModelMembers } from '../validation.js'
import { credentialsOutput, issueSession } from './credentials.js'
import { checkMfa } from './mfa.js'

/** GetSessionToken input as the Query layer delivers it (strings). */
interface Input {
  DurationSeconds?: string
  SerialNumber?: string
  TokenCode?: string
}
type RawMembersAreModelled = ModelMembers<keyof Input, keyof StsInputs['GetSessionToken']>
const shape = (member: string) => inputMember('sts', 'GetSessionToken', member)!

/**
 * GetSessionToken: long-term credentials only (root or IAM user); 900..129600 s, default 12 h
 * for users; root sessions default to and are capped at 1 h. No policy can control it.
 */
export const getSessionToken: Operation<Input> = (ctx, raw) => {
  const input: Input = { DurationSeconds: scalarOf(raw.DurationSeconds), SerialNumber: scalarOf(raw.SerialNumber), TokenCode: scalarOf(raw.TokenCode) }
  const v = new Validator()
  const duration = v.integer(input.DurationSeconds, 'durationSeconds', shape('DurationSeconds'))
  v.string(input.SerialNumber, 'serialNumber', shape('SerialNumber'))
  v.string(input.TokenCode, 'tokenCode', shape('TokenCode'))
  v.throwIfAny()
  const caller = ctx.caller
  if (caller.kind === 'session') {
    throw new AwsServiceError('AccessDenied', 403, 'Cannot call GetSessionToken with session credentials')
  }
  const mfa = checkMfa(ctx, input.SerialNumber, input.TokenCode)
  const isRoot = caller.kind === 'root'
  const seconds = isRoot ? Math.min(duration ?? 3600, 3600) : duration ?? 43200
  const session = issueSession(ctx.state, ctx.now, {
    expiration: ctx.now + seconds * 1000,
    kind: 'session-token',
    accountId: caller.account.id,
    chained: false,
    mfa: mfa.present,
    ...(mfa.present ? { mfaAuthTime: mfa.authTime } : {}),
    ...(caller.principal.username !== undefined ? { userName: caller.principal.username } : {}),
    parentAccessKeyId: caller.accessKeyId,
  })
  return { Credentials: credentialsOutput(session) }
}
