import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import type { AuthorizationRequest, ContextValue, Decision } from '../../policy/types.js'

/**
 * Encoded authorization messages, as sts:DecodeAuthorizationMessage decodes them. AWS puts one
 * in some services' AccessDenied answers (EC2's "Encoded authorization failure message"); IAM,
 * STS and S3 do not, so the emulator hands its own out where nothing of AWS's wire changes: in
 * the `x-iamflow-decision` header of every denial (`encodedMessage`). The text is the decoded
 * JSON (AWS's DecodedMessage members: allowed, explicitDeny, matchedStatements, failures,
 * context) sealed with AES-256-GCM under a key the process draws at start; anything else, or a
 * message of another process, is InvalidAuthorizationMessageException.
 */

const KEY = randomBytes(32)
const PREFIX = 'iamflow-'
/** Condition entries kept in a message (the context a request chose is bounded). */
const MAX_CONDITIONS = 64
/** Characters of condition keys and values kept (the sealed message is about 4/3 of the JSON). */
const CONTEXT_BUDGET = 3000
const MAX_VALUE_CHARS = 256
/** Longest encoded message read back (STS model: EncodedMessage at most 10,240 characters). */
const MAX_ENCODED = 10_240

const encodedByDecision = new WeakMap<Decision, string>()

/**
 * The request's condition keys, within a budget: the message travels in a response header
 * (Node's HTTP clients refuse headers past 16 KB), so long values are cut and keys stop at the
 * budget.
 */
function contextItems(context: Record<string, ContextValue | undefined> | undefined) {
  const items: Array<{ key: string; values: { items: Array<{ value: string }> } }> = []
  let budget = CONTEXT_BUDGET
  for (const [key, value] of Object.entries(context ?? {})) {
    if (value === undefined || items.length >= MAX_CONDITIONS) continue
    const list = (Array.isArray(value) ? value : [value]).slice(0, 16).map((v) => ({ value: String(v).slice(0, MAX_VALUE_CHARS) }))
    const cost = key.length + list.reduce((n, v) => n + v.value.length + 12, 24)
    if (cost > budget) break
    budget -= cost
    items.push({ key, values: { items: list } })
  }
  return items
}

/** The decoded message of a decision, AWS's member names. */
export function decodedMessage(decision: Decision, request: AuthorizationRequest): string {
  return JSON.stringify({
    allowed: decision.decision === 'Allowed',
    explicitDeny: decision.decision === 'ExplicitDeny',
    matchedStatements: { items: decision.matched.slice(0, 16).map((m) => ({ statementId: m.sid ?? '', effect: m.effect, source: m.policyId })) },
    failures: { items: [] },
    context: {
      principal: { id: request.principal.userId, arn: request.principal.arn },
      action: request.action,
      resource: request.resource,
      conditions: { items: contextItems(request.context) },
    },
  })
}

/** Seal the decoded message of a denial and remember it with the decision (for the header). */
export function encodeDenial(decision: Decision, request: AuthorizationRequest): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', KEY, iv)
  const body = Buffer.concat([cipher.update(decodedMessage(decision, request), 'utf8'), cipher.final()])
  const token = PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')
  encodedByDecision.set(decision, token)
  return token
}

/** The encoded message made for a denial, if any. */
export function encodedMessageOf(decision: Decision): string | undefined {
  return encodedByDecision.get(decision)
}

/** The decoded JSON text of an emulator-issued message, or undefined when it is not one. */
export function decodeMessage(encoded: string): string | undefined {
  if (!encoded.startsWith(PREFIX) || encoded.length > MAX_ENCODED) return undefined
  const raw = Buffer.from(encoded.slice(PREFIX.length), 'base64url')
  if (raw.length < 29) return undefined
  try {
    const decipher = createDecipheriv('aes-256-gcm', KEY, raw.subarray(0, 12))
    decipher.setAuthTag(raw.subarray(12, 28))
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')
  } catch {
    return undefined
  }
}
