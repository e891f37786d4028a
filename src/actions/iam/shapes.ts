import type { JsonSchema } from '../define-action.js'
import { policyDocumentOutput } from '../policy-document.js'
import { bool, int, list, map, obj, str, timestamp } from '../schema.js'

/**
 * IAM output structures (botocore `iam/2010-05-08` shapes) as closed JSON Schemas, so capture
 * paths such as `Role.Arn` or `AttachedPolicies.0.PolicyArn` are checked before a run. Policy
 * documents appear decoded (see policy-document.ts).
 */

export const tag = obj({ Key: str, Value: str })
export const tagList = list(tag)

export const permissionsBoundary = obj({ PermissionsBoundaryType: str, PermissionsBoundaryArn: str })

export const user = obj({
  Path: str,
  UserName: str,
  UserId: str,
  Arn: str,
  CreateDate: timestamp,
  PasswordLastUsed: timestamp,
  PermissionsBoundary: permissionsBoundary,
  Tags: tagList,
})

export const accessKey = obj({ UserName: str, AccessKeyId: str, Status: str, SecretAccessKey: str, CreateDate: timestamp })
export const accessKeyMetadata = obj({ UserName: str, AccessKeyId: str, Status: str, CreateDate: timestamp })
export const accessKeyLastUsed = obj({ LastUsedDate: timestamp, ServiceName: str, Region: str })

export const group = obj({ Path: str, GroupName: str, GroupId: str, Arn: str, CreateDate: timestamp })

export const role = obj({
  Path: str,
  RoleName: str,
  RoleId: str,
  Arn: str,
  CreateDate: timestamp,
  AssumeRolePolicyDocument: policyDocumentOutput,
  Description: str,
  MaxSessionDuration: int,
  PermissionsBoundary: permissionsBoundary,
  Tags: tagList,
  RoleLastUsed: obj({ LastUsedDate: timestamp, Region: str }),
  SourceRoleTemplate: obj({ TemplateArn: str, TemplateMinorVersion: int }),
})

export const policy = obj({
  PolicyName: str,
  PolicyId: str,
  Arn: str,
  Path: str,
  DefaultVersionId: str,
  AttachmentCount: int,
  PermissionsBoundaryUsageCount: int,
  IsAttachable: bool,
  Description: str,
  CreateDate: timestamp,
  UpdateDate: timestamp,
  Tags: tagList,
})

export const policyVersion = obj({ Document: policyDocumentOutput, VersionId: str, IsDefaultVersion: bool, CreateDate: timestamp })

export const attachedPolicy = obj({ PolicyName: str, PolicyArn: str })

export const loginProfile = obj({ UserName: str, CreateDate: timestamp, PasswordResetRequired: bool })

/** Pagination members of every IAM listing. */
export const page: Record<string, JsonSchema> = { IsTruncated: bool, Marker: str }

const position = obj({ Line: int, Column: int })
const matchedStatement = obj({ SourcePolicyId: str, SourcePolicyType: str, StartPosition: position, EndPosition: position })
const boundaryDetail = obj({ AllowedByPermissionsBoundary: bool })

/** One result of SimulatePrincipalPolicy / SimulateCustomPolicy. */
export const evaluationResult = obj({
  EvalActionName: str,
  EvalResourceName: str,
  EvalDecision: str,
  MatchedStatements: list(matchedStatement),
  MissingContextValues: list(str),
  OrganizationsDecisionDetail: obj({ AllowedByOrganizations: bool }),
  PermissionsBoundaryDecisionDetail: boundaryDetail,
  EvalDecisionDetails: map(str),
  ResourceSpecificResults: list(
    obj({
      EvalResourceName: str,
      EvalResourceDecision: str,
      MatchedStatements: list(matchedStatement),
      MissingContextValues: list(str),
      EvalDecisionDetails: map(str),
      PermissionsBoundaryDecisionDetail: boundaryDetail,
    }),
  ),
})
