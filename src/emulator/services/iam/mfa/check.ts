import { totp, totpStep } from '../../../../totp.js'
import type { MfaDeviceEntity } from '../../../state/model.js'

/**
 * How far from the current 30-second step a code may be. AWS documents no figure; RFC 6238
 * section 5.2 recommends at most one step of transmission delay, and authenticator clocks
 * drift both ways, so a code of the previous, current or next step is accepted.
 */
export const SIGN_IN_TOLERANCE_STEPS = 1

/** The step whose code `code` is, within the tolerance around `now`, or undefined. */
export function matchingStep(device: MfaDeviceEntity, code: string, now: number): number | undefined {
  const current = totpStep(now)
  for (let d = -SIGN_IN_TOLERANCE_STEPS; d <= SIGN_IN_TOLERANCE_STEPS; d++) {
    if (totp(device.seed, now, d) === code) return current + d
  }
  return undefined
}

/**
 * EnableMFADevice and ResyncMFADevice take two consecutive codes: `code1` of some step and
 * `code2` of the step after it, with `code1`'s step within the tolerance around `now` (so the
 * pair read now and 30 s later, or the current code and the next one, are both accepted).
 * Returns the step of `code2`, or undefined when the pair does not fit.
 */
export function consecutivePair(device: MfaDeviceEntity, code1: string, code2: string, now: number): number | undefined {
  const current = totpStep(now)
  for (let d = -SIGN_IN_TOLERANCE_STEPS; d <= SIGN_IN_TOLERANCE_STEPS; d++) {
    if (totp(device.seed, now, d) === code1 && totp(device.seed, now, d + 1) === code2) return current + d + 1
  }
  return undefined
}
