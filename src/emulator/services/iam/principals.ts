import { referencedPrincipals } from '../../../policy/index.js'
import type { EmulatorState } from '../../state/model.js'
import { iamErrors } from './errors.js'

/**
 * Principals named in trust and resource policies must exist when the policy is stored, as IAM
 * checks on CreateRole/UpdateAssumeRolePolicy (`Invalid principal in policy: "AWS":"arn..."`).
 * Accounts (`123456789012`, `arn:aws:iam::123456789012:root`) and `*` are always valid; users,
 * roles and role sessions must exist in this emulator. A unique id (`AIDA…`, `AROA…`) is valid
 * only while its user or role exists: AWS shows a deleted entity's id in place of its ARN in
 * stored policies, and refuses to store that stale id again (`Invalid principal in policy:
 * "AWS":"AROA…"` when a trust policy still names a deleted role).
 */

const ACCOUNT = /^\d{12}$/
const IAM_ARN = /^arn:aws:iam::(\d{12}):(root|user\/.+|role\/.+)$/
const STS_ARN = /^arn:aws:sts::(\d{12}):(assumed-role\/[^/]+\/[^/]+|federated-user\/.+)$/

function entityExists(state: EmulatorState, accountId: string, kind: 'user' | 'role', arn: string): boolean {
  const account = state.accounts.get(accountId)
  if (!account) return false
  const name = arn.slice(arn.lastIndexOf('/') + 1)
  const entity = kind === 'user' ? account.users.get(name.toLowerCase()) : account.roles.get(name.toLowerCase())
  return entity !== undefined && entity.arn.toLowerCase() === arn.toLowerCase()
}

function idExists(state: EmulatorState, id: string): boolean {
  for (const account of state.accounts.values()) {
    for (const u of account.users.values()) if (u.id === id) return true
    for (const r of account.roles.values()) if (r.id === id) return true
  }
  return false
}

/** Whether an `AWS` principal value names something that exists (see module doc). */
export function isValidAwsPrincipal(state: EmulatorState, value: string): boolean {
  if (value === '*' || ACCOUNT.test(value)) return true
  const iam = IAM_ARN.exec(value)
  if (iam) {
    const [, accountId, resource] = iam
    if (resource === 'root') return true
    if (resource!.includes('*') || resource!.includes('?')) return false
    return entityExists(state, accountId!, resource!.startsWith('user/') ? 'user' : 'role', value)
  }
  const sts = STS_ARN.exec(value)
  if (sts) {
    const [, accountId, resource] = sts
    if (resource!.includes('*')) return false
    if (resource!.startsWith('federated-user/')) return true
    const roleName = resource!.split('/')[1]!
    return state.accounts.get(accountId!)?.roles.has(roleName.toLowerCase()) ?? false
  }
  if (/^A(IDA|ROA)[A-Z0-9]{17}$/.test(value)) return idExists(state, value)
  return false
}

/** Throw MalformedPolicyDocument for the first `AWS` principal that does not exist. */
export function checkPrincipalsExist(state: EmulatorState, text: string): void {
  for (const value of referencedPrincipals(text).aws) {
    if (!isValidAwsPrincipal(state, value)) throw iamErrors.malformed(`Invalid principal in policy: "AWS":"${value}"`)
  }
}
