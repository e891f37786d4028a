import type { RoleEntity } from '../../state/model.js'
import { AwsServiceError } from '../types.js'

/**
 * Service-linked roles: AWS creates them under `/aws-service-role/<service>/` and only the
 * service (through DeleteServiceLinkedRole) may change or delete them; ordinary edits answer
 * UnmodifiableEntity (IAM User Guide, "Using service-linked roles").
 */

export const SERVICE_ROLE_PATH = '/aws-service-role/'

export function isServiceLinkedPath(path: string): boolean {
  return path.startsWith(SERVICE_ROLE_PATH)
}

/** Throw AWS's UnmodifiableEntity when `role` is service-linked. */
export function assertModifiable(role: RoleEntity): void {
  if (isServiceLinkedPath(role.path)) {
    throw new AwsServiceError('UnmodifiableEntity', 400, `Cannot perform the operation on the protected role '${role.name}' - this role is only modifiable by AWS`)
  }
}
