import { X509Certificate } from 'node:crypto'
import { XMLValidator } from 'fast-xml-parser'
import { iamErrors } from './errors.js'

/**
 * The checks IAM makes on a SAML metadata document (CreateSAMLProvider/UpdateSAMLProvider): it
 * must be well-formed XML whose root is an `md:EntityDescriptor` with an `IDPSSODescriptor`
 * holding at least one X.509 signing certificate (a `ds:X509Certificate`, base64 DER) that
 * parses. Anything else is `InvalidInput` "Could not parse metadata". This is the subset the
 * emulator verifies; it does not check XML signatures on the metadata itself.
 */

const COULD_NOT_PARSE = 'Could not parse metadata'
const MAX_CERTIFICATES = 16

export interface SamlMetadata {
  entityId?: string
  validUntil?: number
  certificates: X509Certificate[]
}

/** Parse and check `text`; throws InvalidInput when IAM would refuse it. */
export function checkSamlMetadata(text: string): SamlMetadata {
  if (XMLValidator.validate(text) !== true) throw iamErrors.invalidInput(COULD_NOT_PARSE)
  const root = /^\s*(?:<\?xml[^>]*\?>\s*)?<([A-Za-z_][\w.-]*:)?EntityDescriptor\b([^>]*)>/.exec(text)
  if (!root || !/<([A-Za-z_][\w.-]*:)?IDPSSODescriptor\b/.test(text)) throw iamErrors.invalidInput(COULD_NOT_PARSE)
  const attrs = root[2] ?? ''
  const entityId = /\bentityID\s*=\s*"([^"]*)"/.exec(attrs)?.[1]
  const validText = /\bvalidUntil\s*=\s*"([^"]*)"/.exec(attrs)?.[1]
  const validUntil = validText !== undefined ? Date.parse(validText) : undefined
  if (validUntil !== undefined && Number.isNaN(validUntil)) throw iamErrors.invalidInput(COULD_NOT_PARSE)
  const certificates: X509Certificate[] = []
  for (const m of text.matchAll(/<(?:[A-Za-z_][\w.-]*:)?X509Certificate>([^<]*)<\/(?:[A-Za-z_][\w.-]*:)?X509Certificate>/g)) {
    if (certificates.length >= MAX_CERTIFICATES) break
    try {
      certificates.push(new X509Certificate(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64')))
    } catch {
      throw iamErrors.invalidInput(COULD_NOT_PARSE)
    }
  }
  if (certificates.length === 0) throw iamErrors.invalidInput(COULD_NOT_PARSE)
  return { ...(entityId !== undefined ? { entityId } : {}), ...(validUntil !== undefined ? { validUntil } : {}), certificates }
}
