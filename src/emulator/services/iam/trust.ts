import type { OpContext } from '../types.js'
import { checkDocument, type CheckedDocument } from './documents.js'
import { iamErrors } from './errors.js'
import { checkPrincipalsExist } from './principals.js'

/** A role trust policy may be at most 2,048 characters (default ACLSizePerRole quota). */
export const MAX_TRUST_POLICY_SIZE = 2048

/**
 * Validate a trust policy as CreateRole/UpdateAssumeRolePolicy do: grammar for the `trust`
 * slot, the ACLSizePerRole quota, then that every named AWS principal exists.
 */
export function checkTrustPolicy(ctx: OpContext, text: string): CheckedDocument {
  const checked = checkDocument(text, 'trust')
  if (checked.size > MAX_TRUST_POLICY_SIZE) throw iamErrors.quota('ACLSizePerRole', MAX_TRUST_POLICY_SIZE)
  checkPrincipalsExist(ctx.state, text)
  return checked
}
