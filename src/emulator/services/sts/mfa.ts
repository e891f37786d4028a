import { matchingStep } from '../iam/mfa/check.js'
import { AwsServiceError, type OpContext } from '../types.js'
import { key } from '../iam/store.js'

/**
 * The MFA check of AssumeRole and GetSessionToken. The serial must name a virtual MFA device
 * of the caller's account assigned to the calling IAM user (role sessions and the root user
 * have no device here), and the code must be that device's TOTP within the tolerance
 * (iam/mfa/check.ts) and later than the last code it accepted (a code is good once).
 * AWS's two denials, as its CLI prints them (the first has two spaces before "Please").
 */
export const MFA_UNABLE = 'MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.'
export const MFA_INVALID = 'MultiFactorAuthentication failed with invalid MFA one time pass code. '

/** What a request brought: no MFA, or the time it was checked. */
export type MfaResult = { present: false } | { present: true; authTime: number }

/**
 * Check `serial` and `code` for the caller; throws AccessDenied with AWS's message. A request
 * with only one of them is refused as unable to validate (neither is checked alone).
 */
export function checkMfa(ctx: OpContext, serial: string | undefined, code: string | undefined): MfaResult {
  if (serial === undefined && code === undefined) return { present: false }
  if (serial === undefined || code === undefined) throw new AwsServiceError('AccessDenied', 403, MFA_UNABLE)
  const caller = ctx.caller
  // An IAM user signs with its key, or with a GetSessionToken session of that key.
  const userName = caller.kind === 'user' ? caller.principal.username : caller.session?.kind === 'session-token' ? caller.session.userName : undefined
  const device = caller.account.mfaDevices.get(serial)
  if (!device || userName === undefined || device.userName === undefined || key(device.userName) !== key(userName)) {
    throw new AwsServiceError('AccessDenied', 403, MFA_UNABLE)
  }
  const step = matchingStep(device, code, ctx.now)
  if (step === undefined || (device.lastStep !== undefined && step <= device.lastStep)) {
    throw new AwsServiceError('AccessDenied', 403, MFA_INVALID)
  }
  device.lastStep = step
  caller.account.mfaDevices.set(device.serial, device)
  return { present: true, authTime: ctx.now }
}
