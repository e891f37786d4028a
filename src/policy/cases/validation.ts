/** Policy validation: AWS's MalformedPolicyDocument / MalformedPolicy texts per policy kind. */
import { ACCT, BUCKET } from './fixtures.js'
import type { ValidationCase } from './types.js'

const GRAMMAR = 'IAM User Guide: IAM JSON policy grammar'
const SPEC = 'spec 5.9 (MalformedPolicyDocument messages)'
const TRUST = 'spec 5.2 (trust policies: Principal required, no Resource)'
const NOTP_RULE = 'IAM User Guide: AWS JSON policy elements: NotPrincipal ("must be used with Effect Deny"; "cannot use ... in an IAM role trust policy"); the error text is unconfirmed'
const S3 = 'S3 API Reference: PutBucketPolicy errors (MalformedPolicy)'
const err = (message: string) => ({ code: 'MalformedPolicyDocument', message })
const s3err = (message: string) => ({ code: 'MalformedPolicy', message })
const SYNTAX = err('Syntax errors in policy.')
const ok = (Statement: unknown, Version: string | null = '2012-10-17') => (Version === null ? { Statement } : { Version, Statement })
const st = (extra: Record<string, unknown>) => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', ...extra })
const tr = (extra: Record<string, unknown>) => ({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCT}:root` }, Action: 'sts:AssumeRole', ...extra })

const v = (name: string, source: string, kind: ValidationCase['kind'], document: ValidationCase['document'], expect: ValidationCase['expect'], managed?: boolean): ValidationCase => ({
  name,
  source,
  kind,
  document,
  expect,
  managed,
})

export const cases: ValidationCase[] = [
  v('a valid identity policy', GRAMMAR, 'identity', ok([st({})]), 'ok'),
  v('a valid identity policy as JSON text with whitespace', GRAMMAR, 'identity', '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]\n}', 'ok'),
  v('not JSON', SPEC, 'identity', '{"Version": "2012-10-17", "Statement": [', SYNTAX),
  v('JSON that is not an object', SPEC, 'identity', '["Statement"]', SYNTAX),
  v('an unknown top-level element', SPEC, 'identity', { Version: '2012-10-17', Statement: [st({})], Extra: 1 }, SYNTAX),
  v('an unknown statement element', SPEC, 'identity', ok([st({ Actions: 's3:*' })]), SYNTAX),
  v('element names are case-sensitive (effect)', `${GRAMMAR} (element names are case-sensitive)`, 'identity', ok([{ effect: 'Allow', Action: 's3:*', Resource: '*' }]), SYNTAX),
  v('a Version that does not exist', `${GRAMMAR} (Version is 2012-10-17 or 2008-10-17)`, 'identity', { Version: '2012-10-18', Statement: [st({})] }, SYNTAX),
  v('Version 2008-10-17 is accepted for inline policies', 'IAM User Guide: IAM JSON policy elements: Version', 'identity', ok([st({})], '2008-10-17'), 'ok'),
  v('a missing Version is accepted for inline policies', 'IAM User Guide: IAM JSON policy elements: Version', 'identity', ok([st({})], null), 'ok'),
  v('managed policies need Version 2012-10-17', 'CreatePolicy: managed policies must use Version 2012-10-17', 'identity', ok([st({})], '2008-10-17'), err('Policy document must be version 2012-10-17 or greater.'), true),
  v('managed policies without Version are rejected', 'CreatePolicy: managed policies must use Version 2012-10-17', 'identity', ok([st({})], null), err('Policy document must be version 2012-10-17 or greater.'), true),
  v('missing Statement', SPEC, 'identity', { Version: '2012-10-17' }, SYNTAX),
  v('empty Statement list', SPEC, 'identity', ok([]), SYNTAX),
  v('Effect other than Allow/Deny', SPEC, 'identity', ok([st({ Effect: 'Permit' })]), SYNTAX),
  v('Effect in the wrong case fails legacy parsing', 'IAM User Guide: IAM JSON policy elements: Effect (Allow or Deny, case-sensitive)', 'identity', ok([st({ Effect: 'allow' })]), err('The policy failed legacy parsing')),
  v('Action and NotAction together', GRAMMAR, 'identity', ok([st({ NotAction: 'iam:*' })]), SYNTAX),
  v('Resource and NotResource together', GRAMMAR, 'identity', ok([st({ NotResource: 'arn:aws:s3:::x' })]), SYNTAX),
  v('Action must be a string or list of strings', GRAMMAR, 'identity', ok([st({ Action: 5 })]), SYNTAX),
  v('missing Action', SPEC, 'identity', ok([{ Effect: 'Allow', Resource: '*' }]), err('Policy statement must contain actions.')),
  v('empty Action list', SPEC, 'identity', ok([st({ Action: [] })]), err('Policy statement must contain actions.')),
  v('missing Resource in an identity policy', SPEC, 'identity', ok([{ Effect: 'Allow', Action: 's3:*' }]), err('Policy statement must contain resources.')),
  v('Principal in an identity policy', SPEC, 'identity', ok([st({ Principal: '*' })]), err('Policy document should not specify a principal.')),
  v('NotPrincipal in an identity policy', SPEC, 'identity', ok([st({ NotPrincipal: { AWS: ACCT } })]), err('Policy document should not specify a principal.')),
  v('Principal in a permissions boundary', SPEC, 'boundary', ok([st({ Principal: '*' })]), err('Policy document should not specify a principal.')),
  v('Principal in a session policy', SPEC, 'session', ok([st({ Principal: '*' })]), err('Policy document should not specify a principal.')),
  v('action without a service prefix', SPEC, 'identity', ok([st({ Action: 'GetObject' })]), err('Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.')),
  v('action with two colons', SPEC, 'identity', ok([st({ Action: 's3:Get:Object' })]), err('Actions/Condition can contain only one colon.')),
  v('action with an invalid vendor', SPEC, 'identity', ok([st({ Action: 's 3:GetObject' })]), err('Vendor s 3 is not valid')),
  v('the bare action * is valid', 'IAM User Guide: IAM JSON policy elements: Action', 'identity', ok([st({ Action: '*' })]), 'ok'),
  v('resource that is not an ARN', SPEC, 'identity', ok([st({ Resource: 'my-bucket' })]), err('Resource my-bucket must be in ARN format or "*".')),
  v('resource ARN with a wildcard vendor', SPEC, 'identity', ok([st({ Resource: 'arn:aws:*:*:*:*' })]), err('Resource vendor must be fully qualified and cannot contain regexes.')),
  v('IAM resource with a region', SPEC, 'identity', ok([st({ Action: 'iam:GetUser', Resource: `arn:aws:iam:us-east-1:${ACCT}:user/bob` })]), err(`IAM resource arn:aws:iam:us-east-1:${ACCT}:user/bob cannot contain region information.`)),
  v('S3 resource with a region', SPEC, 'identity', ok([st({ Resource: 'arn:aws:s3:us-east-1::bucket' })]), err('Resource arn:aws:s3:us-east-1::bucket can not contain region information.')),
  v('IAM resource with an unknown resource type', SPEC, 'identity', ok([st({ Action: 'iam:GetUser', Resource: `arn:aws:iam::${ACCT}:person/bob` })]), err('IAM resource path must either be "*", root, or start with user/, federated-user/, role/, group/, instance-profile/, mfa/, server-certificate/, policy/, sms-mfa/, saml-provider/, oidc-provider/, report/, access-report/.')),
  v('ARN with too few parts fails legacy parsing', SPEC, 'identity', ok([st({ Action: 'iam:GetUser', Resource: 'arn:aws:iam::*' })]), err('The policy failed legacy parsing')),
  v('a variable in the account segment is valid', 'IAM User Guide: IAM policy elements: Variables and tags', 'identity', ok([st({ Action: 'iam:GetUser', Resource: 'arn:aws:iam::${aws:PrincipalAccount}:user/${aws:username}' })]), 'ok'),
  v('duplicate Sids', SPEC, 'identity', ok([st({ Sid: 'A' }), st({ Sid: 'A' })]), err('Statement IDs (SID) in a single policy must be unique.')),
  v('Sid with a space in an IAM policy', 'IAM User Guide: IAM JSON policy elements: Sid (alphanumeric for IAM)', 'identity', ok([st({ Sid: 'Allow S3' })]), err('Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*')),
  v('unknown condition operator fails closed at validation', `${SPEC}; IAM User Guide: Condition operators`, 'identity', ok([st({ Condition: { StringEqualz: { 'aws:username': 'jill' } } })]), SYNTAX),
  v('Null with IfExists is not an operator', 'IAM User Guide: Condition operators (IfExists: any operator except Null)', 'identity', ok([st({ Condition: { NullIfExists: { 'aws:username': 'true' } } })]), SYNTAX),
  v('ForAnyValue with IfExists is an operator', 'IAM User Guide: Condition operators', 'identity', ok([st({ Condition: { 'ForAnyValue:StringLikeIfExists': { 'aws:TagKeys': 'a*' } } })]), 'ok'),
  v('operator names are case-sensitive', 'IAM User Guide: Condition operators', 'identity', ok([st({ Condition: { stringequals: { 'aws:username': 'jill' } } })]), SYNTAX),
  v('condition value of an object is rejected', GRAMMAR, 'identity', ok([st({ Condition: { StringEquals: { 'aws:username': { a: 1 } } } })]), SYNTAX),
  v('condition values may be JSON booleans and numbers', GRAMMAR, 'identity', ok([st({ Condition: { Bool: { 'aws:SecureTransport': true }, NumericLessThan: { 's3:max-keys': 10 } } })]), 'ok'),
  v('unparseable date value fails legacy parsing', 'IAM User Guide: Condition operators (Date)', 'identity', ok([st({ Condition: { DateGreaterThan: { 'aws:CurrentTime': 'tomorrow' } } })]), err('The policy failed legacy parsing')),
  v('condition key without a vendor prefix is accepted', 'IAM CreatePolicy recorded 2026 (LocalStack test_iam_policies snapshot b15ee85, valid-32: {"StringEqualsIfExists":{"a":"asf"}})', 'identity', ok([st({ Condition: { StringEquals: { username: 'jill' } } })]), 'ok'),
  v('a valid trust policy', TRUST, 'trust', ok([tr({})]), 'ok'),
  v('trust policy with Version 2008-10-17', 'IAM User Guide: IAM JSON policy elements: Version', 'trust', ok([tr({})], '2008-10-17'), 'ok'),
  v('trust policy without Principal', TRUST, 'trust', ok([{ Effect: 'Allow', Action: 'sts:AssumeRole' }]), err('Missing required field Principal')),
  v('trust policy with Resource', TRUST, 'trust', ok([tr({ Resource: '*' })]), err('Has prohibited field Resource')),
  v('trust policy with a non-STS action', TRUST, 'trust', ok([tr({ Action: 's3:GetObject' })]), err('AssumeRole policy may only specify STS AssumeRole actions.')),
  v('trust policy with sts:AssumeRole and sts:TagSession', TRUST, 'trust', ok([tr({ Action: ['sts:AssumeRole', 'sts:TagSession'] })]), 'ok'),
  v('trust policy naming a service', TRUST, 'trust', ok([tr({ Principal: { Service: 'ec2.amazonaws.com' } })]), 'ok'),
  v('trust policy with a wildcard role ARN principal', 'spec 5.3 (wildcards in AWS principals are not supported)', 'trust', ok([tr({ Principal: { AWS: `arn:aws:iam::${ACCT}:role/*` } })]), err(`Invalid principal in policy: "AWS":"arn:aws:iam::${ACCT}:role/*"`)),
  v('trust policy naming a group (not a principal)', 'IAM User Guide: AWS JSON policy elements: Principal (groups cannot be principals)', 'trust', ok([tr({ Principal: { AWS: `arn:aws:iam::${ACCT}:group/Devs` } })]), err(`Invalid principal in policy: "AWS":"arn:aws:iam::${ACCT}:group/Devs"`)),
  v('trust policy with an unknown principal type', 'IAM User Guide: AWS JSON policy elements: Principal', 'trust', ok([tr({ Principal: { User: 'jill' } })]), err('Invalid principal in policy: "User":"jill"')),
  v('trust policy naming an account id', 'spec 5.2 ({"AWS": "123456789012"})', 'trust', ok([tr({ Principal: { AWS: ACCT } })]), 'ok'),
  v('trust policy naming a unique id', 'spec 4.4 (stored policies show deleted principals as unique ids)', 'trust', ok([tr({ Principal: { AWS: 'AIDAJQABLZS4A3QDU576Q' } })]), 'ok'),
  v('trust policy with NotPrincipal is refused', NOTP_RULE, 'trust', ok([{ Effect: 'Deny', NotPrincipal: { AWS: `arn:aws:iam::${ACCT}:root` }, Action: 'sts:AssumeRole' }, tr({})]), err('Has prohibited field NotPrincipal')),
  v('bucket policy with Allow and NotPrincipal is refused', NOTP_RULE, 'resource', ok([{ Effect: 'Allow', NotPrincipal: { AWS: `arn:aws:iam::${ACCT}:root` }, Action: 's3:GetObject', Resource: `${BUCKET}/*` }]), s3err('Invalid principal in policy')),
  v('bucket policy with Deny and NotPrincipal is accepted', NOTP_RULE, 'resource', ok([{ Effect: 'Deny', NotPrincipal: { AWS: `arn:aws:iam::${ACCT}:root` }, Action: 's3:GetObject', Resource: `${BUCKET}/*` }]), 'ok'),
  v('a valid bucket policy', S3, 'resource', ok([{ Sid: 'Public Read', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${BUCKET}/*` }]), 'ok'),
  v('bucket policy that is not JSON', S3, 'resource', 'Version: 2012', s3err("Policies must be valid JSON and the first byte must be '{'")),
  v('bucket policy without Principal', S3, 'resource', ok([st({ Resource: `${BUCKET}/*` })]), s3err('Missing required field Principal')),
  v('bucket policy with an invalid resource', S3, 'resource', ok([{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'amzn-s3-demo-bucket/*' }]), s3err('Policy has invalid resource')),
  v('bucket policy with a wildcard principal ARN', S3, 'resource', ok([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCT}:user/*` }, Action: 's3:GetObject', Resource: `${BUCKET}/*` }]), s3err('Invalid principal in policy')),
  v('bucket policy with an action without a vendor', S3, 'resource', ok([{ Effect: 'Allow', Principal: '*', Action: 'GetObject', Resource: `${BUCKET}/*` }]), s3err('Policy has invalid action')),
]
