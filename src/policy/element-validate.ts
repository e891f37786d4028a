/**
 * Format checks for Action and Resource values (IAM's messages; see messages.ts).
 *
 * The Resource rules follow IAM's answers recorded in 2026 (LocalStack test_iam_policies
 * snapshot, commit b15ee85; see recorded/create-policy-documents.json): IAM reads a resource as
 * if it followed `arn:`, so the first segment is not checked, the second must be a partition;
 * IAM ARNs never carry a region and S3 ARNs only for access points (`accesspoint/`, valid-50).
 */
import { IAM_RESOURCE_PREFIXES, type ProblemId } from './messages.js'

type Fail = (id: ProblemId, arg?: string) => Error

/** AWS partitions IAM accepts in a resource ARN (`*` is accepted too). */
const PARTITIONS = new Set(['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'])

/** `service:Action` with one colon and a plain vendor, or `*`. */
export function checkAction(action: string, fail: Fail): void {
  if (action === '*') return
  const parts = action.split(':')
  if (parts.length === 1) throw fail('vendor')
  if (parts.length > 2) throw fail('oneColon')
  if (/[^a-zA-Z0-9\-.]/.test(parts[0]) && parts[0] !== '*') throw fail('badVendor', parts[0])
}

/**
 * AWS's rendering of a resource with a bad partition: `arn:<partition>:` then the next three
 * segments and the rest (colons kept), a missing segment written `*`
 * (`a:b:cadfsdf` gives `arn:b:cadfsdf:*:*:*`, recorded invalid-22).
 */
function partitionArg(partition: string, rest: string | undefined): string {
  const segs = rest === undefined || rest === '' ? [] : rest.split(':')
  const at = (i: number) => (i < segs.length ? segs[i] : '*')
  const tail = segs.length > 3 ? segs.slice(3).join(':') : '*'
  return `"${partition}" is not valid for resource "arn:${partition}:${at(0)}:${at(1)}:${at(2)}:${tail}"`
}

/**
 * A Resource value: `*` or an ARN with a known partition and a literal vendor; IAM ARNs have no
 * region, S3 ARNs only for access points. A vendor that is empty is left to legacy parsing.
 */
export function checkResource(raw: string, fail: Fail): void {
  if (raw === '*') return
  const resource = maskVariables(raw)
  const first = resource.indexOf(':')
  if (first < 0) throw fail('resourceFormat', raw)
  const afterFirst = resource.slice(first + 1)
  const second = afterFirst.indexOf(':')
  const partition = second < 0 ? afterFirst : afterFirst.slice(0, second)
  if (partition !== '*' && !partition.includes(VAR) && !PARTITIONS.has(partition)) {
    throw fail('partition', unmask(partitionArg(partition, second < 0 ? undefined : afterFirst.slice(second + 1)), raw))
  }
  if (second < 0) throw fail('resourceVendor')
  const parts = resource.split(':')
  const service = parts[2] ?? ''
  // Not in the recorded set (`arn:aws:*:*:*:*`): kept from IAM's text for `arn:aws` (unconfirmed input).
  if (/[*?]/.test(service)) throw fail('resourceVendor')
  const region = parts[3] ?? ''
  const rest = parts.slice(5).join(':')
  if (service === 'iam' && region !== '') throw fail('regionIam', raw)
  if (service === 's3' && region !== '' && !rest.startsWith('accesspoint/')) throw fail('regionS3', raw)
  if (service === 'iam' && parts.length >= 6) {
    if (!rest.startsWith('*') && rest !== 'root' && !IAM_RESOURCE_PREFIXES.some((p) => rest.startsWith(p))) throw fail('iamPath')
  }
}

const VAR = '\u0001'
const VARIABLE = /\$\{[^}]*\}/g

/** Replaces `${...}` with a colon-free placeholder so ARN segments can be counted. */
export function maskVariables(s: string): string {
  return s.replace(VARIABLE, VAR)
}

/** Puts the variables of `raw` back, in order, in place of the placeholders of a masked text. */
function unmask(masked: string, raw: string): string {
  const vars = raw.match(VARIABLE) ?? []
  let i = 0
  return masked.replace(/\u0001/g, () => vars[i++] ?? '')
}
