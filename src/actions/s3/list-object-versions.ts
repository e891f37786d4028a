import type { ListObjectVersionsCommandInput, ListObjectVersionsCommandOutput } from '@aws-sdk/client-s3'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { bool, int, list, obj, outputSchema, str, timestamp } from '../schema.js'
import * as f from './fields.js'

/**
 * `s3.listObjectVersions`: List the versions and delete markers of the objects of a bucket.
 */
export const listObjectVersions = defineAction<ListObjectVersionsCommandInput, ListObjectVersionsCommandOutput>({
  name: 's3.listObjectVersions',
  service: 's3',
  command: 'ListObjectVersionsCommand',
  description: 'List the versions and delete markers of the objects of a bucket.',
  input: modelInput('s3', 'ListObjectVersions', {
    describe: {
      Delimiter: 'A delimiter is a character that you specify to group keys.',
      EncodingType: 'Encoding type used by Amazon S3 to encode the object keys in the response.',
      KeyMarker: 'Specifies the key to start with when listing objects in a bucket.',
      MaxKeys: 'Sets the maximum number of keys returned in the response.',
      Prefix: 'Use this parameter to select only those keys that begin with the specified prefix.',
      VersionIdMarker: 'Specifies the object version you want to start listing from.',
      ExpectedBucketOwner: 'The account ID of the expected bucket owner.',
      RequestPayer: 'Confirms that the requester knows that they will be charged for the request.',
      OptionalObjectAttributes: 'Specifies the optional fields that you want returned in the response.',
    },
    override: {
      Bucket: f.bucket,
    },
  }),
  output: outputSchema({
    IsTruncated: bool,
    KeyMarker: str,
    VersionIdMarker: str,
    NextKeyMarker: str,
    NextVersionIdMarker: str,
    Versions: list(obj({ ETag: str, ChecksumAlgorithm: list(str), ChecksumType: str, Size: int, StorageClass: str, Key: str, VersionId: str, IsLatest: bool, LastModified: timestamp, Owner: obj({ DisplayName: str, ID: str }), RestoreStatus: obj({ IsRestoreInProgress: bool, RestoreExpiryDate: timestamp }) })),
    DeleteMarkers: list(obj({ Owner: obj({ DisplayName: str, ID: str }), Key: str, VersionId: str, IsLatest: bool, LastModified: timestamp })),
    Name: str,
    Prefix: str,
    Delimiter: str,
    MaxKeys: int,
    CommonPrefixes: list(obj({ Prefix: str })),
    EncodingType: str,
    RequestCharged: str,
  }),
  readOnly: true,
  run: async (ctx, input) => {
    return ctx.clients.call('s3', 'ListObjectVersions', input, ctx.signal)
  },
})
