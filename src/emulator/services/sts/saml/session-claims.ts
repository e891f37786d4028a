import type { Tag } from '../../../state/model.js'
import { AwsServiceError } from '../../types.js'
import type { SamlClaims } from './assertion-claims.js'
import { AWS_ATTRIBUTE } from './saml-keys.js'
import { invalidToken } from './verify-response.js'

/**
 * The session an assertion asks for, from AWS's attributes ("Configuring SAML assertions for
 * the authentication response"): RoleSessionName (required), SessionDuration, PrincipalTag:KEY
 * (session tags), TransitiveTagKeys and SourceIdentity.
 */
export interface SamlSessionClaims {
  sessionName: string
  sessionDuration?: number
  tags: Tag[]
  transitiveTagKeys: string[]
  sourceIdentity?: string
}

/** Session tags per session, and the key/value limits (IAM User Guide, "Passing session tags in AWS STS"). */
const MAX_TAGS = 50
const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u
const MAX_TAG_VALUE = 256
const NAME = /^[\w+=,.@-]{2,64}$/

const bad = (message: string) => new AwsServiceError('InvalidParameterValue', 400, message)

const single = (claims: SamlClaims, name: string): string | undefined => claims.attributes.get(name)?.[0]

export function samlSession(claims: SamlClaims): SamlSessionClaims {
  // Texts of the IAM User Guide, "Troubleshooting SAML 2.0 federation with AWS".
  const sessionName = single(claims, AWS_ATTRIBUTE.roleSessionName)
  if (sessionName === undefined || sessionName === '') throw invalidToken('RoleSessionName is required in AuthnResponse')
  if (!NAME.test(sessionName)) throw invalidToken('RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}')

  const durationText = single(claims, AWS_ATTRIBUTE.sessionDuration)
  let sessionDuration: number | undefined
  if (durationText !== undefined) {
    sessionDuration = /^\d{1,6}$/.test(durationText) ? Number(durationText) : NaN
    if (!(sessionDuration >= 900 && sessionDuration <= 43_200)) throw invalidToken('SessionDuration in AuthnResponse must be an integer from 900 to 43200')
  }

  const tags: Tag[] = []
  for (const [name, values] of claims.attributes) {
    if (!name.startsWith(AWS_ATTRIBUTE.principalTagPrefix)) continue
    const key = name.slice(AWS_ATTRIBUTE.principalTagPrefix.length)
    const value = values[0] ?? ''
    if (!TAG_KEY.test(key) || value.length > MAX_TAG_VALUE) throw bad(`The session tag ${key} in the SAML assertion is not a valid tag: keys are 1 to 128 characters, values at most ${MAX_TAG_VALUE}.`)
    if (tags.some((t) => t.Key.toLowerCase() === key.toLowerCase())) throw bad('Duplicate tag keys found. Please note that Tag keys are case insensitive.')
    tags.push({ Key: key, Value: value })
    if (tags.length > MAX_TAGS) throw bad(`The SAML assertion passes more than ${MAX_TAGS} session tags.`)
  }
  const transitiveTagKeys = claims.attributes.get(AWS_ATTRIBUTE.transitiveTagKeys) ?? []
  for (const k of transitiveTagKeys) {
    if (!tags.some((t) => t.Key.toLowerCase() === k.toLowerCase())) throw bad('The specified transitive tag key must be included in the requested tags.')
  }

  const sourceIdentity = single(claims, AWS_ATTRIBUTE.sourceIdentity)
  if (sourceIdentity !== undefined && !NAME.test(sourceIdentity)) throw invalidToken('SourceIdentity in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}')

  return {
    sessionName,
    ...(sessionDuration !== undefined ? { sessionDuration } : {}),
    tags,
    transitiveTagKeys: [...transitiveTagKeys],
    ...(sourceIdentity !== undefined ? { sourceIdentity } : {}),
  }
}
