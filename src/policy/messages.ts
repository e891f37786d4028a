/**
 * Validation error texts as IAM (`MalformedPolicyDocument`) and S3 (`MalformedPolicy`) return
 * them. The IAM texts are those recorded from CreatePolicy in 2026 (recorded/create-policy-
 * documents.json; LocalStack snapshot b15ee85) except `principalForbidden` and `sidFormat`
 * (reported in real error output) and `resourceForbidden`/`trustAction` (recorded for
 * UpdateAssumeRolePolicy, LocalStack test_iam_roles cdb3432). The S3 texts are those
 * PutBucketPolicy is reported to return (not recorded: see docs/fidelity.md).
 */
import type { PolicyKind, PolicyValidationError } from './types.js'

/** Problems validation can find; each maps to an IAM and an S3 text. */
export type ProblemId =
  | 'json'
  | 'syntax'
  | 'version'
  | 'legacy'
  | 'sidUnique'
  | 'sidFormat'
  | 'noActions'
  | 'noResources'
  | 'principalForbidden'
  | 'principalMissing'
  | 'resourceForbidden'
  | 'trustAction'
  | 'vendor'
  | 'oneColon'
  | 'badVendor'
  | 'resourceFormat'
  | 'resourceVendor'
  | 'partition'
  | 'regionIam'
  | 'regionS3'
  | 'iamPath'
  | 'principalInvalid'
  | 'notPrincipalTrust'
  | 'notPrincipalAllow'

const IAM_PATHS = [
  'user/',
  'federated-user/',
  'role/',
  'group/',
  'instance-profile/',
  'mfa/',
  'server-certificate/',
  'policy/',
  'sms-mfa/',
  'saml-provider/',
  'oidc-provider/',
  'report/',
  'access-report/',
]

/** Resource-path prefixes IAM accepts in `arn:aws:iam::ACCT:<path>`. */
export const IAM_RESOURCE_PREFIXES: readonly string[] = IAM_PATHS

function iamText(id: ProblemId, arg: string): string {
  switch (id) {
    case 'json':
    case 'syntax':
      return 'Syntax errors in policy.'
    case 'version':
      return 'Policy document must be version 2012-10-17 or greater.'
    case 'legacy':
      return 'The policy failed legacy parsing'
    case 'sidUnique':
      return 'Statement IDs (SID) in a single policy must be unique.'
    case 'sidFormat':
      return 'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*'
    case 'noActions':
      return 'Policy statement must contain actions.'
    case 'noResources':
      return 'Policy statement must contain resources.'
    case 'principalForbidden':
      return 'Policy document should not specify a principal.'
    case 'principalMissing':
      return 'Missing required field Principal'
    case 'resourceForbidden':
      return 'Has prohibited field Resource'
    case 'trustAction':
      return 'AssumeRole policy may only specify STS AssumeRole actions.'
    case 'vendor':
      return 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.'
    case 'oneColon':
      return 'Actions/Condition can contain only one colon.'
    case 'badVendor':
      return `Vendor ${arg} is not valid`
    case 'resourceFormat':
      return `Resource ${arg} must be in ARN format or "*".`
    case 'resourceVendor':
      return 'Resource vendor must be fully qualified and cannot contain regexes.'
    case 'partition':
      return `Partition ${arg}.`
    case 'regionIam':
      return `IAM resource ${arg} cannot contain region information.`
    case 'regionS3':
      return `Resource ${arg} can not contain region information.`
    case 'iamPath':
      // `, root` since 2026 (recorded invalid-35); moto's 2019 list lacked it.
      return `IAM resource path must either be "*", root, or start with ${IAM_PATHS.join(', ')}.`
    case 'principalInvalid':
      return `Invalid principal in policy: ${arg}`
    // The rules are documented (IAM UG "NotPrincipal": not in trust policies, only with Deny);
    // AWS's texts for them are not recorded anywhere we found: these follow the neighbouring
    // trust-policy text (`Has prohibited field Resource`) and are unconfirmed (docs/fidelity.md).
    case 'notPrincipalTrust':
      return 'Has prohibited field NotPrincipal'
    case 'notPrincipalAllow':
      return 'NotPrincipal must be used with "Effect":"Deny".'
    default: {
      const unreachable: never = id
      return unreachable
    }
  }
}

function s3Text(id: ProblemId, arg: string): string {
  switch (id) {
    case 'json':
      return "Policies must be valid JSON and the first byte must be '{'"
    case 'principalMissing':
      return 'Missing required field Principal'
    case 'noActions':
      return 'Missing required field Action'
    case 'noResources':
      return 'Missing required field Resource'
    case 'vendor':
    case 'oneColon':
    case 'badVendor':
      return 'Policy has invalid action'
    case 'resourceFormat':
    case 'resourceVendor':
    case 'partition':
    case 'regionIam':
    case 'regionS3':
    case 'iamPath':
    case 'legacy':
      return 'Policy has invalid resource'
    case 'principalInvalid':
    case 'notPrincipalAllow':
      // S3's answer for any principal it refuses; for Allow+NotPrincipal unconfirmed.
      return 'Invalid principal in policy'
    default:
      return iamText(id, arg) === 'Syntax errors in policy.' ? 'This policy contains invalid Json' : iamText(id, arg)
  }
}

/** Builds the error for a policy kind: S3 bucket policies (`resource`) use S3's code and texts. */
export function problem(kind: PolicyKind, id: ProblemId, arg = ''): PolicyValidationError {
  if (kind === 'resource') return { code: 'MalformedPolicy', message: s3Text(id, arg) }
  // A trust policy that does not parse: recorded as `This policy contains invalid Json`
  // (LocalStack's IAM role snapshots, invalid-json-error), unlike CreatePolicy's `Syntax errors in policy.`.
  if (kind === 'trust' && id === 'json') return { code: 'MalformedPolicyDocument', message: 'This policy contains invalid Json' }
  return { code: 'MalformedPolicyDocument', message: iamText(id, arg) }
}
