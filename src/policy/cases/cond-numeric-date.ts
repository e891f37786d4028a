/** Numeric and Date condition operators. */
import { ACCT, allow, deny, v12 } from './fixtures.js'
import { allowIf, denyIf } from './cond-helpers.js'
import type { EvalCase } from './types.js'

const NUM = 'IAM User Guide: Condition operators (Numeric condition operators)'
const DATE = 'IAM User Guide: Condition operators (Date condition operators)'

const revoke = v12(
  allow('s3:*', '*', { Sid: 'Base' }),
  deny('*', '*', { Sid: 'AWSRevokeOlderSessions', Condition: { DateLessThan: { 'aws:TokenIssueTime': '2026-03-01T00:00:00Z' } } }),
)

export const cases: EvalCase[] = [
  allowIf('NumericLessThan holds below the limit', NUM, { NumericLessThan: { 's3:max-keys': '10' } }, { 's3:max-keys': '5' }, true),
  allowIf('NumericLessThan fails at the limit', NUM, { NumericLessThan: { 's3:max-keys': '10' } }, { 's3:max-keys': '10' }, false),
  allowIf('NumericLessThanEquals holds at the limit', NUM, { NumericLessThanEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': 10 }, true),
  allowIf('NumericGreaterThan compares numbers, not text (9 < 10)', NUM, { NumericGreaterThan: { 's3:max-keys': '9' } }, { 's3:max-keys': '10' }, true),
  allowIf('NumericGreaterThanEquals fails below', NUM, { NumericGreaterThanEquals: { 's3:max-keys': '100' } }, { 's3:max-keys': '99' }, false),
  allowIf('NumericEquals with a JSON number in the policy', NUM, { NumericEquals: { 's3:max-keys': 100 } }, { 's3:max-keys': '100' }, true),
  allowIf('NumericEquals treats 10 and 10.0 as equal', NUM, { NumericEquals: { 's3:max-keys': '10.0' } }, { 's3:max-keys': '10' }, true),
  allowIf('NumericNotEquals holds for another number', NUM, { NumericNotEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': '11' }, true),
  allowIf('NumericLessThan with a non-numeric request value is false', NUM, { NumericLessThan: { 's3:max-keys': '10' } }, { 's3:max-keys': 'many' }, false),
  allowIf('NumericLessThan on a missing key is false', `${NUM}; key not present`, { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }, undefined, false),
  denyIf('Deny when MFA is older than an hour applies', `${NUM}; IAM User Guide example: MFA age`, { NumericGreaterThan: { 'aws:MultiFactorAuthAge': '3600' } }, { 'aws:MultiFactorAuthAge': 7200 }, true),
  denyIf('Deny on MFA age does not apply without MFA (key absent)', `${NUM}; key not present`, { NumericGreaterThan: { 'aws:MultiFactorAuthAge': '3600' } }, undefined, false),
  allowIf('DateGreaterThan holds after the date', DATE, { DateGreaterThan: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } }, { 'aws:CurrentTime': '2026-06-01T12:00:00Z' }, true),
  allowIf('DateLessThan fails after the date', DATE, { DateLessThan: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } }, { 'aws:CurrentTime': '2026-06-01T12:00:00Z' }, false),
  allowIf(
    'a date window is two operators AND-ed (inside)',
    `${DATE}; IAM User Guide example: allows access within specific dates`,
    { DateGreaterThan: { 'aws:CurrentTime': '2026-04-01T00:00:00Z' }, DateLessThan: { 'aws:CurrentTime': '2026-06-30T23:59:59Z' } },
    { 'aws:CurrentTime': '2026-05-15T08:00:00Z' },
    true,
  ),
  allowIf(
    'a date window is two operators AND-ed (outside)',
    `${DATE}; IAM User Guide example: allows access within specific dates`,
    { DateGreaterThan: { 'aws:CurrentTime': '2026-04-01T00:00:00Z' }, DateLessThan: { 'aws:CurrentTime': '2026-06-30T23:59:59Z' } },
    { 'aws:CurrentTime': '2026-07-01T00:00:00Z' },
    false,
  ),
  allowIf('epoch seconds in the policy compare with an ISO request time', `${DATE} (epoch/UNIX time values)`, { DateGreaterThan: { 'aws:CurrentTime': '1767225600' } }, { 'aws:CurrentTime': '2026-01-02T00:00:00Z' }, true),
  allowIf('aws:EpochTime compares with an ISO policy date', DATE, { DateLessThan: { 'aws:EpochTime': '2026-01-01T00:00:00Z' } }, { 'aws:EpochTime': 1767225599 }, true),
  allowIf('DateEquals: a date-only value is midnight UTC', DATE, { DateEquals: { 'aws:CurrentTime': '2026-01-01' } }, { 'aws:CurrentTime': '2026-01-01T00:00:00Z' }, true),
  allowIf('DateEquals honours time-zone offsets', DATE, { DateEquals: { 'aws:CurrentTime': '2026-01-01T01:00:00+01:00' } }, { 'aws:CurrentTime': '2026-01-01T00:00:00Z' }, true),
  allowIf('DateNotEquals holds for another instant', DATE, { DateNotEquals: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } }, { 'aws:CurrentTime': '2026-01-01T00:00:01Z' }, true),
  {
    name: 'revoke older sessions: a session issued before the cut-off is denied',
    evidence: { level: 'engine', ref: 'not AWS-shaped: s3 action in query style' },
    source: 'IAM User Guide: Revoking IAM role temporary security credentials (AWSRevokeOlderSessions)',
    policies: { identity: [revoke] },
    request: { principal: 'deploy', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', context: { 'aws:TokenIssueTime': '2026-02-01T10:00:00Z' } },
    expect: {
      decision: 'ExplicitDeny',
      by: 'identity',
      statement: 'AWSRevokeOlderSessions',
      message: `User: arn:aws:sts::${ACCT}:assumed-role/Deploy/ci is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k with an explicit deny in an identity-based policy`,
    },
  },
  {
    name: 'revoke older sessions: a newer session is allowed',
    source: 'IAM User Guide: Revoking IAM role temporary security credentials',
    policies: { identity: [revoke] },
    request: { principal: 'deploy', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', context: { 'aws:TokenIssueTime': '2026-03-02T10:00:00Z' } },
    expect: { decision: 'Allowed', by: 'identity', statement: 'Base' },
  },
]
