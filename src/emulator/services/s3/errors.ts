import { AwsServiceError } from '../types.js'

/** S3 errors with AWS's codes, statuses, messages and extra elements (spec 1.2). */
export const s3Errors = {
  noSuchBucket: (bucket: string) => new AwsServiceError('NoSuchBucket', 404, 'The specified bucket does not exist', { BucketName: bucket }),
  noSuchKey: (key: string) => new AwsServiceError('NoSuchKey', 404, 'The specified key does not exist.', { Key: key }),
  bucketNotEmpty: (bucket: string) =>
    new AwsServiceError('BucketNotEmpty', 409, 'The bucket you tried to delete is not empty', { BucketName: bucket }),
  bucketAlreadyExists: (bucket: string) =>
    new AwsServiceError(
      'BucketAlreadyExists',
      409,
      'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.',
      { BucketName: bucket },
    ),
  bucketAlreadyOwnedByYou: (bucket: string) =>
    new AwsServiceError(
      'BucketAlreadyOwnedByYou',
      409,
      'Your previous request to create the named bucket succeeded and you already own it.',
      { BucketName: bucket },
    ),
  invalidBucketName: (bucket: string) => new AwsServiceError('InvalidBucketName', 400, 'The specified bucket is not valid.', { BucketName: bucket }),
  noSuchBucketPolicy: (bucket: string) =>
    new AwsServiceError('NoSuchBucketPolicy', 404, 'The bucket policy does not exist', { BucketName: bucket }),
  malformedXml: () =>
    new AwsServiceError(
      'MalformedXML',
      400,
      'The XML you provided was not well-formed or did not validate against our published schema',
    ),
  malformedPolicy: (message: string) => new AwsServiceError('MalformedPolicy', 400, message),
  notImplemented: () =>
    new AwsServiceError('NotImplemented', 501, 'A header you provided implies functionality that is not implemented'),
  methodNotAllowed: (method: string, resourceType: string) =>
    new AwsServiceError('MethodNotAllowed', 405, 'The specified method is not allowed against this resource.', {
      Method: method,
      ResourceType: resourceType,
    }),
  invalidRequest: (message: string) => new AwsServiceError('InvalidRequest', 400, message),
  accessDenied: () => new AwsServiceError('AccessDenied', 403, 'Access Denied'),
  keyTooLong: () => new AwsServiceError('KeyTooLongError', 400, 'Your key is too long'),
  badDigest: (what: string) => new AwsServiceError('BadDigest', 400, `The ${what} you specified did not match the calculated checksum.`),
  badContentMd5: () => new AwsServiceError('BadDigest', 400, 'The Content-MD5 you specified did not match what we received.'),
  invalidDigest: () => new AwsServiceError('InvalidDigest', 400, 'The Content-MD5 you specified was invalid.'),
  invalidArgument: (message: string, name: string, value: string) =>
    new AwsServiceError('InvalidArgument', 400, message, { ArgumentName: name, ArgumentValue: value }),
  invalidRange: (size: number, range: string) =>
    new AwsServiceError('InvalidRange', 416, 'The requested range is not satisfiable', { RangeRequested: range, ActualObjectSize: String(size) }),
}

/** An S3 error that also sets response headers (a delete marker's `x-amz-delete-marker`, ...). */
export class S3HeaderError extends AwsServiceError {
  constructor(
    base: AwsServiceError,
    readonly headers: Record<string, string>,
  ) {
    super(base.code, base.status, base.message, base.extra, base.senderFault)
  }
}

/** Version errors (LocalStack test_s3_api.py versioning snapshots, recorded against AWS). */
export const s3VersionErrors = {
  invalidVersionId: (id: string) => s3Errors.invalidArgument('Invalid version id specified', 'versionId', id),
  noSuchVersion: (key: string, id: string) => new AwsServiceError('NoSuchVersion', 404, 'The specified version does not exist.', { Key: key, VersionId: id }),
}
