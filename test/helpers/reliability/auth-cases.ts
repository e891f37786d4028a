import type { Creds } from './serve.js'
import type { AuthWorld } from './world.js'

/**
 * The refusal cases of issue 9, item 4, run by every real client against `iamflow serve`
 * (test/security-auth-clients.test.ts: SDK v3 and boto3; its long variant: the AWS CLI).
 */
export type Service = 'sts' | 's3' | 'iam'
export interface ClientCase {
  name: string
  creds: (w: AuthWorld) => Creds
  /** Seconds the client's clock is off. */
  skew?: number
  expect: Partial<Record<Service, string>>
}

const unknown = { sts: 'InvalidClientTokenId', s3: 'InvalidAccessKeyId', iam: 'InvalidClientTokenId' }
export const CASES: ClientCase[] = [
  { name: 'control: a valid user key', creds: (w) => w.alice, expect: { sts: 'OK', s3: 'OK', iam: 'OK' } },
  { name: 'wrong secret', creds: (w) => ({ ...w.alice, secretAccessKey: w.root.secretAccessKey }), expect: { sts: 'SignatureDoesNotMatch', s3: 'SignatureDoesNotMatch', iam: 'SignatureDoesNotMatch' } },
  { name: 'unknown key', creds: () => ({ accessKeyId: 'AKIAZZZZZZZZZZZZZZZZ', secretAccessKey: 'x'.repeat(40) }), expect: unknown },
  { name: 'temporary key without its token', creds: (w) => ({ accessKeyId: w.session.accessKeyId, secretAccessKey: w.session.secretAccessKey }), expect: unknown },
  { name: "another session's token", creds: (w) => ({ ...w.session, sessionToken: w.otherSession.sessionToken }), expect: { sts: 'InvalidClientTokenId', s3: 'InvalidToken' } },
  { name: "a deleted user's key", creds: (w) => w.deletedUserKey, expect: unknown },
  { name: 'an inactive key', creds: (w) => w.inactiveKey, expect: unknown },
  { name: 'clock 20 minutes behind', creds: (w) => w.alice, skew: -1200, expect: { sts: 'SignatureDoesNotMatch', s3: 'RequestTimeTooSkewed' } },
  { name: 'clock 20 minutes ahead', creds: (w) => w.alice, skew: 1200, expect: { sts: 'SignatureDoesNotMatch', s3: 'RequestTimeTooSkewed' } },
  { name: 'a session of a deleted role', creds: (w) => w.orphanSession, expect: { iam: 'AccessDenied', s3: 'AccessDenied' } },
]
export const EXPIRED: ClientCase = { name: 'expired session credentials', creds: (w) => w.session, skew: 901, expect: { sts: 'ExpiredToken', s3: 'ExpiredToken', iam: 'ExpiredToken' } }


/** One row per case and service it expects an answer from. */
export const expanded = (cases: ClientCase[]) => cases.flatMap((c) => (Object.entries(c.expect) as Array<[Service, string]>).map(([s, code]) => ({ c, s, code, label: `${c.name} [${s}]` })))
