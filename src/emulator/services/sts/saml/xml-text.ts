/** Escaping for the XML the emulator writes (text and double-quoted attribute values). */

const TEXT: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\r': '&#13;' }

/** `s` safe as element text or as a double-quoted attribute value. */
export function xmlEscape(s: string): string {
  return s.replace(/[&<>"\r]/g, (c) => TEXT[c]!)
}

/** SAML's xs:dateTime: ISO-8601 UTC with milliseconds. */
export const samlTime = (ms: number): string => new Date(ms).toISOString()

/** Namespaces of SAML 2.0 (OASIS saml-core-2.0-os) and XML-DSig. */
export const NS = {
  protocol: 'urn:oasis:names:tc:SAML:2.0:protocol',
  assertion: 'urn:oasis:names:tc:SAML:2.0:assertion',
  metadata: 'urn:oasis:names:tc:SAML:2.0:metadata',
  dsig: 'http://www.w3.org/2000/09/xmldsig#',
} as const
