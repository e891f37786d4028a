import type { ManagedPolicyEntity } from '../../state/model.js'

/**
 * One view over customer managed policies (in the account's state) and AWS managed policies
 * (read-only data shared by every account), so Get/List/Attach treat both alike.
 */
export interface PolicyView extends Omit<ManagedPolicyEntity, 'nextVersion'> {
  awsManaged: boolean
  /** The stored entity (customer managed only). */
  entity?: ManagedPolicyEntity
}

export function customerView(entity: ManagedPolicyEntity): PolicyView {
  return {
    awsManaged: false,
    name: entity.name,
    id: entity.id,
    arn: entity.arn,
    path: entity.path,
    description: entity.description,
    createDate: entity.createDate,
    updateDate: entity.updateDate,
    defaultVersionId: entity.defaultVersionId,
    versions: entity.versions,
    tags: entity.tags,
    entity,
  }
}
