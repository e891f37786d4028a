/** String condition operators. */
import { allowIf, denyIf } from './cond-helpers.js'
import type { EvalCase } from './types.js'

const OPS = 'IAM User Guide: Condition operators (String condition operators)'
const LOGIC = 'IAM User Guide: Creating a condition with multiple context keys or values'
const MISSING = 'IAM User Guide: Condition operators (key not present in the request context)'

export const cases: EvalCase[] = [
  allowIf('StringEquals matches an equal value', OPS, { StringEquals: { 's3:prefix': 'home/' } }, { 's3:prefix': 'home/' }, true),
  allowIf('StringEquals is case-sensitive', OPS, { StringEquals: { 's3:prefix': 'home/' } }, { 's3:prefix': 'HOME/' }, false),
  allowIf('StringEquals does not treat * as a wildcard', OPS, { StringEquals: { 's3:prefix': 'home/*' } }, { 's3:prefix': 'home/jill' }, false),
  allowIf('StringEquals matches the literal text home/*', OPS, { StringEquals: { 's3:prefix': 'home/*' } }, { 's3:prefix': 'home/*' }, true),
  allowIf('StringEquals with several values: any one matches (OR)', LOGIC, { StringEquals: { 's3:prefix': ['', 'home/', 'public/'] } }, { 's3:prefix': 'public/' }, true),
  allowIf('StringEquals matches an empty string value', LOGIC, { StringEquals: { 's3:prefix': ['', 'home/'] } }, { 's3:prefix': '' }, true),
  allowIf('StringEquals on a missing key is false', MISSING, { StringEquals: { 's3:prefix': 'home/' } }, undefined, false),
  allowIf('StringEqualsIgnoreCase matches a different case', OPS, { StringEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'BLUE' } }, undefined, true, 'taggedJill'),
  allowIf('StringEqualsIgnoreCase still needs equal text', OPS, { StringEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'blu' } }, undefined, false, 'taggedJill'),
  allowIf('StringNotEquals holds for a value outside the list', OPS, { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] } }, { 'aws:RequestedRegion': 'us-east-1' }, true),
  allowIf('StringNotEquals with several values is a NOR: a listed value fails', LOGIC, { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] } }, { 'aws:RequestedRegion': 'eu-central-1' }, false),
  allowIf('StringNotEquals on a missing key is true', MISSING, { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } }, undefined, true),
  allowIf('StringNotEqualsIgnoreCase fails for a case variant of a listed value', OPS, { StringNotEqualsIgnoreCase: { 'aws:RequestedRegion': 'EU-WEST-1' } }, { 'aws:RequestedRegion': 'eu-west-1' }, false),
  allowIf('StringLike with a trailing *', OPS, { StringLike: { 's3:prefix': 'home/*' } }, { 's3:prefix': 'home/jill/photos/' }, true),
  allowIf('StringLike * matches the empty remainder', OPS, { StringLike: { 's3:prefix': 'home/*' } }, { 's3:prefix': 'home/' }, true),
  allowIf('StringLike with ? matches one character', OPS, { StringLike: { 's3:prefix': 'v?/' } }, { 's3:prefix': 'v2/' }, true),
  allowIf('StringLike is case-sensitive', OPS, { StringLike: { 's3:prefix': 'Home/*' } }, { 's3:prefix': 'home/x' }, false),
  allowIf('StringLike on a missing key is false', MISSING, { StringLike: { 's3:prefix': '*' } }, undefined, false),
  allowIf('StringNotLike holds when no pattern matches', OPS, { StringNotLike: { 's3:prefix': ['private/*', 'secret/*'] } }, { 's3:prefix': 'public/a' }, true),
  allowIf('StringNotLike fails when a pattern matches', OPS, { StringNotLike: { 's3:prefix': ['private/*', 'secret/*'] } }, { 's3:prefix': 'secret/a' }, false),
  allowIf('StringNotLike on a missing key is true', MISSING, { StringNotLike: { 's3:prefix': 'private/*' } }, undefined, true),
  allowIf('condition key names are case-insensitive', 'IAM User Guide: IAM JSON policy elements: Condition (key names are not case-sensitive)', { StringEquals: { 'AWS:SourceVpc': 'vpc-111bbb22' } }, { 'aws:sourcevpc': 'vpc-111bbb22' }, true),
  allowIf('two keys under one operator are AND-ed (both hold)', LOGIC, { StringEquals: { 'aws:PrincipalTag/team': 'blue', 'aws:RequestedRegion': 'us-east-1' } }, { 'aws:RequestedRegion': 'us-east-1' }, true, 'taggedJill'),
  allowIf('two keys under one operator are AND-ed (one fails)', LOGIC, { StringEquals: { 'aws:PrincipalTag/team': 'blue', 'aws:RequestedRegion': 'us-east-1' } }, { 'aws:RequestedRegion': 'us-west-2' }, false, 'taggedJill'),
  allowIf('two operators are AND-ed', LOGIC, { StringEquals: { 'aws:RequestedRegion': 'us-east-1' }, StringLike: { 's3:prefix': 'home/*' } }, { 'aws:RequestedRegion': 'us-east-1', 's3:prefix': 'tmp/' }, false),
  allowIf('a numeric context value is compared as text', OPS, { StringEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': 10 }, true),
  allowIf('aws:PrincipalType is derived for IAM users', 'IAM User Guide: AWS global condition context keys (aws:PrincipalType)', { StringEquals: { 'aws:PrincipalType': 'User' } }, undefined, true),
  allowIf('aws:PrincipalAccount is derived from the caller', 'IAM User Guide: AWS global condition context keys (aws:PrincipalAccount)', { StringEquals: { 'aws:PrincipalAccount': '123456789012' } }, undefined, true),
  allowIf('aws:username is absent for role sessions', 'IAM User Guide: AWS global condition context keys (aws:username: IAM users only)', { StringLike: { 'aws:username': '*' } }, undefined, false, 'deploy'),
  allowIf('aws:userid of a role session is role-id:session-name', 'IAM User Guide: IAM policy elements: Variables (aws:userid values)', { StringLike: { 'aws:userid': 'AROA3XFRBF535PLBIFPI4:*' } }, undefined, true, 'deploy'),
  denyIf('Deny with StringNotEquals on a present, listed value does not apply', OPS, { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'us-west-2'] } }, { 'aws:RequestedRegion': 'us-west-2' }, false),
  denyIf('Deny with StringNotEquals on an unlisted value applies', OPS, { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'us-west-2'] } }, { 'aws:RequestedRegion': 'ap-south-1' }, true),
]
