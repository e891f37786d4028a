/**
 * Block Public Access at bucket level (S3 User Guide, "Blocking public access to your Amazon S3
 * storage"). Since April 2023 a new bucket has all four settings on (S3 User Guide, "Default
 * settings for new S3 buckets FAQ").
 */
export interface PublicAccessBlock {
  BlockPublicAcls: boolean
  IgnorePublicAcls: boolean
  BlockPublicPolicy: boolean
  RestrictPublicBuckets: boolean
}

export const FLAGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const

/** What CreateBucket sets (all four on). */
export function defaultPublicAccessBlock(): PublicAccessBlock {
  return { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true }
}

