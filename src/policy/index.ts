/**
 * The IAM policy engine's public API. Pure: no I/O, no imports from the rest of iamflow.
 *
 * - `compilePolicy(doc, kind, opts?)` parses + validates a document as AWS does for that kind and
 *   returns a compiled policy (cached by document identity/text) or AWS's validation error
 *   (`MalformedPolicyDocument`; `MalformedPolicy` for S3 bucket policies, kind `resource`).
 *   Pass `{ managed: true }` for CreatePolicy/CreatePolicyVersion (Version 2012-10-17 required).
 * - `validatePolicy(doc, kind, opts?)` only parses + validates (no matchers built), returning the
 *   normalised document (every element a list) or AWS's error.
 * - `evaluate(input)` decides one request against every applicable policy and explains why.
 * - `denialMessage(decision, request, style)` builds AWS's AccessDenied message text.
 * - `explainDecision(decision)` is a multi-line human explanation (matched and missed statements).
 * - `policySize(doc)` counts characters as IAM's quotas do (insignificant whitespace excluded).
 * - `referencedPrincipals(doc)` lists the `AWS` principals a resource/trust policy names
 *   (the emulator checks they exist, as IAM does on CreateRole).
 */
export type * from './types.js'
export { compilePolicy, type CompileResult } from './compile.js'
export { validatePolicy, type CompileOptions, type NormalizedPolicy, type NormalizedStatement, type ValidationResult } from './validate.js'
export { evaluate } from './evaluate.js'
export { denialMessage, type MessageStyle, type MessageOptions } from './message.js'
export { explainDecision } from './explain.js'
export { policySize, POLICY_SIZE_LIMITS } from './size.js'
export { referencedPrincipals } from './referenced.js'
