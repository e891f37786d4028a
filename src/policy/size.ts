/**
 * Policy size as IAM's quotas count it: characters excluding whitespace outside JSON strings
 * (IAM User Guide "IAM and AWS STS quotas").
 */
import type { PolicyDocument } from './types.js'

/** Quota limits, in characters (spec 7). */
export const POLICY_SIZE_LIMITS = {
  managed: 6144,
  inlineUser: 2048,
  inlineRole: 10240,
  inlineGroup: 5120,
  trust: 2048,
  session: 2048,
} as const

/** Characters of the document, not counting insignificant whitespace. */
export function policySize(doc: string | PolicyDocument): number {
  if (typeof doc !== 'string') return JSON.stringify(doc).length
  let n = 0
  let inString = false
  for (let i = 0; i < doc.length; i++) {
    const c = doc[i]
    if (inString) {
      n++
      if (c === '\\') {
        n++
        i++
      } else if (c === '"') inString = false
    } else if (c === '"') {
      inString = true
      n++
    } else if (c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t') n++
  }
  return n
}
