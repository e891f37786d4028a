/**
 * The IAM policy engine's public API. Pure: no I/O, no imports from the rest of iamflow.
 *
 * - `compilePolicy(doc, kind)` parses + validates a document as AWS does for that kind and
 *   returns a compiled policy (cached by document identity/text) or AWS's validation error.
 * - `evaluate(input)` decides one request against every applicable policy and explains why.
 * - `denialMessage(decision, request, style)` builds AWS's AccessDenied message text.
 * - `policySize(doc)` counts characters as IAM's quotas do (insignificant whitespace excluded).
 * - `referencedPrincipals(doc)` lists the `AWS` principals a resource/trust policy names
 *   (the emulator checks they exist, as IAM does on CreateRole).
 */
export type * from './types.js'
