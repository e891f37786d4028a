/** One input member of an IAM operation, as the botocore model constrains it. */
export interface MemberSpec {
  name?: string
  required?: boolean
  type: 'string' | 'integer' | 'long' | 'boolean' | 'timestamp' | 'list' | 'structure' | 'map' | 'blob'
  min?: number
  max?: number
  pattern?: string
  enum?: string[]
  /** Secret input (passwords): its value never appears in error messages. */
  sensitive?: boolean
  /** List element. */
  member?: MemberSpec
  /** Structure members, in model order. */
  members?: MemberSpec[]
}
