import { AwsServiceError } from '../types.js'

/**
 * IAM's error responses with AWS's codes, statuses and message texts
 * (spec 6.1; botocore `error` traits for the statuses).
 */

export type EntityKind = 'user' | 'role' | 'group'

const kindTitle: Record<EntityKind, string> = { user: 'User', role: 'Role', group: 'Group' }

export const iamErrors = {
  noSuchEntity: (kind: EntityKind, name: string) =>
    new AwsServiceError('NoSuchEntity', 404, `The ${kind} with name ${name} cannot be found.`),
  noSuchInlinePolicy: (kind: EntityKind, policyName: string) =>
    new AwsServiceError('NoSuchEntity', 404, `The ${kind} policy with name ${policyName} cannot be found.`),
  policyNotFound: (arn: string) => new AwsServiceError('NoSuchEntity', 404, `Policy ${arn} was not found.`),
  policyNotAttachable: (arn: string) =>
    new AwsServiceError('NoSuchEntity', 404, `Policy ${arn} does not exist or is not attachable.`),
  policyVersionNotFound: (arn: string, versionId: string) =>
    new AwsServiceError('NoSuchEntity', 404, `Policy ${arn} version ${versionId} does not exist or is not attachable.`),
  noSuchMembership: (userName: string, groupName: string) =>
    new AwsServiceError('NoSuchEntity', 404, `User ${userName} is not in group ${groupName}`),
  noSuchAccessKey: (id: string) => new AwsServiceError('NoSuchEntity', 404, `The Access Key with id ${id} cannot be found.`),
  noSuchLoginProfile: (userName: string) =>
    new AwsServiceError('NoSuchEntity', 404, `Login Profile for User ${userName} cannot be found.`),
  alreadyExists: (kind: EntityKind, name: string) =>
    new AwsServiceError('EntityAlreadyExists', 409, `${kindTitle[kind]} with name ${name} already exists.`),
  policyAlreadyExists: (name: string) =>
    new AwsServiceError('EntityAlreadyExists', 409, `A policy called ${name} already exists. Duplicate names are not allowed.`),
  loginProfileExists: (userName: string) =>
    new AwsServiceError('EntityAlreadyExists', 409, `Login Profile for user ${userName} already exists.`),
  deleteConflict: (message: string) => new AwsServiceError('DeleteConflict', 409, message),
  limitExceeded: (message: string) => new AwsServiceError('LimitExceeded', 409, message),
  quota: (name: string, limit: number) =>
    new AwsServiceError('LimitExceeded', 409, `Cannot exceed quota for ${name}: ${limit}`),
  malformed: (message: string) => new AwsServiceError('MalformedPolicyDocument', 400, message),
  invalidInput: (message: string) => new AwsServiceError('InvalidInput', 400, message),
  invalidArn: (arn: string) => new AwsServiceError('InvalidInput', 400, `ARN ${arn} is not valid.`),
  validation: (message: string) => new AwsServiceError('ValidationError', 400, message),
  notAttachable: (message: string) => new AwsServiceError('PolicyNotAttachable', 400, message),
}
