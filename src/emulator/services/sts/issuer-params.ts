import { ownGet } from '../../../safe-object.js'
import { AwsServiceError, type OpContext } from '../types.js'
import { scalarOf } from '../validation-message.js'

/**
 * What the emulator's identity-provider operations (`IamflowIssueOidcToken`,
 * `IamflowGetSamlIdpMetadata`, `IamflowIssueSamlAssertion`) share: only the account's root (the
 * scenario's operator) stands for an identity provider outside the account, since whatever it
 * signs opens every role that trusts that provider; a user or role session that could mint one
 * would raise its own privileges.
 */
export function requireRoot(ctx: OpContext, what: string): void {
  if (ctx.caller.kind !== 'root') {
    throw new AwsServiceError('AccessDenied', 403, `${ctx.caller.principal.arn} may not ${what}: on the emulator only the account root (the scenario's operator) stands for the identity provider.`)
  }
}

export const badParameter = (message: string) => new AwsServiceError('InvalidParameterValue', 400, message)

/** A scalar parameter of a flat Query request. */
export const param = (raw: Record<string, unknown>, key: string): string | undefined => scalarOf(ownGet(raw, key))

/** A parameter holding JSON (at most `maxChars`), parsed; undefined when absent. */
export function jsonParam(raw: Record<string, unknown>, key: string, maxChars: number): unknown {
  const text = param(raw, key)
  if (text === undefined) return undefined
  if (text.length > maxChars) throw badParameter(`${key} must be at most ${maxChars} characters of JSON.`)
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw badParameter(`${key} must be JSON.`)
  }
}
