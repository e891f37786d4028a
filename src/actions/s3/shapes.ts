import { int, list, obj, str, timestamp } from '../schema.js'

/** S3 output structures (botocore `s3/2006-03-01`) as closed JSON Schemas. */

export const owner = obj({ DisplayName: str, ID: str })

export const bucket = obj({ Name: str, CreationDate: timestamp, BucketRegion: str, BucketArn: str })

/** One entry of ListObjectsV2 `Contents`. */
export const object = obj({
  Key: str,
  LastModified: timestamp,
  ETag: str,
  ChecksumAlgorithm: list(str),
  ChecksumType: str,
  Size: int,
  StorageClass: str,
  Owner: owner,
  RestoreStatus: obj({ IsRestoreInProgress: { type: 'boolean' }, RestoreExpiryDate: timestamp }),
})
