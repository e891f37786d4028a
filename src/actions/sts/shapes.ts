import { obj, str, timestamp } from '../schema.js'

/** STS output structures (botocore `sts/2011-06-15`) as closed JSON Schemas. */

/** Temporary credentials (AssumeRole, GetSessionToken). Never print SecretAccessKey or SessionToken. */
export const credentials = obj({ AccessKeyId: str, SecretAccessKey: str, SessionToken: str, Expiration: timestamp })
