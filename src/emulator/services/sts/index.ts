import type { Operation } from '../types.js'
import { assumeRole } from './assume-role.js'
import { getAccessKeyInfo } from './get-access-key-info.js'
import { getCallerIdentity } from './get-caller-identity.js'
import { getSessionToken } from './get-session-token.js'

/** STS (2011-06-15) operations by Action name. */
export const stsOperations: Record<string, Operation> = {
  AssumeRole: assumeRole,
  GetCallerIdentity: getCallerIdentity,
  GetSessionToken: getSessionToken,
  GetAccessKeyInfo: getAccessKeyInfo,
}
