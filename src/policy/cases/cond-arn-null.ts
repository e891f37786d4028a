/** ARN condition operators and the Null check. */
import { ACCT } from './fixtures.js'
import { allowIf, denyIf } from './cond-helpers.js'
import type { EvalCase } from './types.js'

const ARN = 'IAM User Guide: Condition operators (Amazon Resource Name (ARN) condition operators)'
const NULL = 'IAM User Guide: Condition operators (Condition operator to check existence of condition keys)'
const TOPIC = `arn:aws:sns:us-east-1:${ACCT}:alerts`

export const cases: EvalCase[] = [
  allowIf('ArnEquals matches the same ARN', ARN, { ArnEquals: { 'aws:SourceArn': TOPIC } }, { 'aws:SourceArn': TOPIC }, true),
  allowIf('ArnEquals also honours wildcards per segment', ARN, { ArnEquals: { 'aws:SourceArn': `arn:aws:sns:*:${ACCT}:*` } }, { 'aws:SourceArn': TOPIC }, true),
  allowIf('ArnLike with a wildcard region', ARN, { ArnLike: { 'aws:SourceArn': `arn:aws:sns:*:${ACCT}:alerts` } }, { 'aws:SourceArn': TOPIC }, true),
  allowIf('ArnLike: a different account segment fails', ARN, { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:111122223333:*' } }, { 'aws:SourceArn': TOPIC }, false),
  allowIf('ArnLike: a prefix wildcard inside the resource segment', ARN, { ArnLike: { 'aws:SourceArn': `arn:aws:sns:us-east-1:${ACCT}:al*` } }, { 'aws:SourceArn': TOPIC }, true),
  allowIf('ArnLike is case-sensitive', ARN, { ArnLike: { 'aws:SourceArn': `arn:aws:sns:us-east-1:${ACCT}:Alerts` } }, { 'aws:SourceArn': TOPIC }, false),
  allowIf('ArnLike: a wildcard in the service segment does not span colons', ARN, { ArnLike: { 'aws:SourceArn': `arn:aws:*:${ACCT}:alerts` } }, { 'aws:SourceArn': TOPIC }, false),
  allowIf('ArnLike: a request value that is not an ARN does not match', ARN, { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:*:*' } }, { 'aws:SourceArn': 'alerts' }, false),
  allowIf('ArnLike on aws:PrincipalArn uses the role ARN for sessions', 'IAM User Guide: AWS global condition context keys (aws:PrincipalArn for role sessions is the role ARN)', { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCT}:role/Dep*` } }, undefined, true, 'deploy'),
  allowIf('ArnLike on aws:PrincipalArn does not see the session ARN', 'IAM User Guide: AWS global condition context keys (aws:PrincipalArn)', { ArnLike: { 'aws:PrincipalArn': `arn:aws:sts::${ACCT}:assumed-role/Deploy/*` } }, undefined, false, 'deploy'),
  allowIf('ArnNotEquals holds for another ARN', ARN, { ArnNotEquals: { 'aws:SourceArn': `arn:aws:sns:us-east-1:${ACCT}:other` } }, { 'aws:SourceArn': TOPIC }, true),
  allowIf('ArnNotLike fails when the pattern matches', ARN, { ArnNotLike: { 'aws:SourceArn': 'arn:aws:sns:*:*:*' } }, { 'aws:SourceArn': TOPIC }, false),
  allowIf('ArnNotLike on a missing key is true', `${ARN}; key not present`, { ArnNotLike: { 'aws:SourceArn': 'arn:aws:sns:*:*:*' } }, undefined, true),
  allowIf('ArnLikeIfExists on a missing key is true', 'IAM User Guide: Condition operators (...IfExists)', { ArnLikeIfExists: { 'aws:SourceArn': 'arn:aws:sns:*:*:*' } }, undefined, true),
  allowIf('Null "true" holds when the key is absent', NULL, { Null: { 'aws:TokenIssueTime': 'true' } }, undefined, true),
  allowIf('Null "true" fails when the key is present', NULL, { Null: { 'aws:TokenIssueTime': 'true' } }, { 'aws:TokenIssueTime': '2026-01-01T00:00:00Z' }, false),
  allowIf('Null "false" holds when the key is present', NULL, { Null: { 'aws:TokenIssueTime': 'false' } }, { 'aws:TokenIssueTime': '2026-01-01T00:00:00Z' }, true),
  allowIf('Null "false" fails when the key is absent', NULL, { Null: { 'aws:TokenIssueTime': 'false' } }, undefined, false),
  allowIf('Null accepts a JSON boolean', NULL, { Null: { 'aws:TokenIssueTime': true } }, undefined, true),
  allowIf('Null treats an empty multivalued key as absent', NULL, { Null: { 'aws:TagKeys': 'true' } }, { 'aws:TagKeys': [] }, true),
  allowIf('Null "true" on aws:username holds for a role session', `${NULL}; aws:username exists only for IAM users`, { Null: { 'aws:username': 'true' } }, undefined, true, 'deploy'),
  allowIf('Null "false" on aws:username holds for an IAM user', NULL, { Null: { 'aws:username': 'false' } }, undefined, true),
  denyIf('Deny when temporary credentials are not used (Null aws:TokenIssueTime true) applies to access keys', `${NULL} (example: deny when aws:TokenIssueTime is absent)`, { Null: { 'aws:TokenIssueTime': 'true' } }, undefined, true),
  denyIf('Deny Null aws:TokenIssueTime true does not apply to sessions', NULL, { Null: { 'aws:TokenIssueTime': 'true' } }, { 'aws:TokenIssueTime': '2026-01-01T00:00:00Z' }, false, 'deploy'),
]
