import { obj, str, timestamp } from '../schema.js'

/** STS output structures (botocore `sts/2011-06-15`) as closed JSON Schemas. */

/** Temporary credentials (AssumeRole, GetSessionToken). Never print SecretAccessKey or SessionToken. */
export const credentials = obj({ AccessKeyId: str, SecretAccessKey: str, SessionToken: str, Expiration: timestamp })

/** MFA device serial number or ARN (AssumeRole, GetSessionToken). */
export const mfaSerialNumber = {
  type: 'string',
  minLength: 9,
  maxLength: 256,
  pattern: '^[\\w+=/:,.@-]*$',
  description: 'MFA device serial number or ARN.',
}

/** The 6-digit MFA code (AssumeRole, GetSessionToken). */
export const mfaTokenCode = {
  type: 'string',
  minLength: 6,
  maxLength: 6,
  pattern: '^[\\d]*$',
  description: 'The 6-digit MFA code.',
}
