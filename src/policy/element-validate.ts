/** Format checks for Action and Resource values (IAM's messages; see messages.ts). */
import { IAM_RESOURCE_PREFIXES, type ProblemId } from './messages.js'

type Fail = (id: ProblemId, arg?: string) => Error

/** `service:Action` with one colon and a plain vendor, or `*`. */
export function checkAction(action: string, fail: Fail): void {
  if (action === '*') return
  const parts = action.split(':')
  if (parts.length === 1) throw fail('vendor')
  if (parts.length > 2) throw fail('oneColon')
  if (/[^a-zA-Z0-9\-.]/.test(parts[0]) && parts[0] !== '*') throw fail('badVendor', parts[0])
}

/** A Resource value: `*` or an ARN whose vendor is literal; IAM and S3 ARNs have no region. */
export function checkResource(raw: string, fail: Fail): void {
  if (raw === '*') return
  const resource = maskVariables(raw)
  if (!resource.includes(':') || !resource.startsWith('arn:')) throw fail('resourceFormat', raw)
  const parts = resource.split(':')
  const service = parts[2] ?? ''
  if (service === '' || /[*?]/.test(service)) throw fail('resourceVendor')
  const region = parts[3] ?? ''
  if (service === 'iam' && region !== '') throw fail('regionIam', raw)
  if (service === 's3' && region !== '') throw fail('regionS3', raw)
  if (service === 'iam' && parts.length >= 6) {
    const rest = parts.slice(5).join(':')
    if (!rest.startsWith('*') && !IAM_RESOURCE_PREFIXES.some((p) => rest.startsWith(p))) throw fail('iamPath')
  }
}

/** Replaces `${...}` with a colon-free placeholder so ARN segments can be counted. */
export function maskVariables(s: string): string {
  return s.replace(/\$\{[^}]*\}/g, '\u0001')
}
