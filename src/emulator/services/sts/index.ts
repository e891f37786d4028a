import type { Operation } from '../types.js'
import { getCallerIdentity } from './get-caller-identity.js'

/** STS (2011-06-15) operations by Action name. */
export const stsOperations: Record<string, Operation> = {
  GetCallerIdentity: getCallerIdentity,
}
