/** Policy variables: substitution, defaults, literal escapes, version rules. */
import { ACCT, BUCKET, allow, v08, v12 } from './fixtures.js'
import type { PrincipalName } from './fixtures.js'
import type { EvalCase } from './types.js'
import type { ContextValue, PolicyDocument } from '../types.js'

const VARS = 'IAM User Guide: IAM policy elements: Variables and tags'
const DEFAULTS = 'IAM User Guide: IAM policy elements: Variables and tags (Specifying default values)'
const SPECIAL = 'IAM User Guide: IAM policy elements: Variables and tags (special characters ${*} ${?} ${$})'
const VERSION = 'IAM User Guide: IAM JSON policy elements: Version (variables need 2012-10-17)'
const MULTI_NOTE = 'IAM User Guide: Single-valued vs. multivalued context keys (multivalued keys cannot be policy variables)'
const NOVALUE = 'IAM User Guide: IAM policy elements: Variables and tags (Policy variables with no value)'

function res(name: string, source: string, doc: PolicyDocument, resource: string, allowed: boolean, principal: PrincipalName = 'jill', action = 's3:GetObject', context?: Record<string, ContextValue>): EvalCase {
  return {
    name,
    source,
    policies: { identity: [doc] },
    request: { principal, action, resource, context },
    expect: allowed ? { decision: 'Allowed', by: 'identity' } : { decision: 'ImplicitDeny', by: 'identity' },
  }
}

const home = v12(allow('s3:GetObject', `${BUCKET}/home/\${aws:username}/*`))
const listOwn = v12(
  allow('s3:ListBucket', BUCKET, { Condition: { StringLike: { 's3:prefix': ['', 'home/', 'home/${aws:username}/*'] } } }),
)
const prefixOwn = v12(allow('s3:ListBucket', BUCKET, { Condition: { StringLike: { 's3:prefix': '${aws:username}/*' } } }))
const changePassword = v12(allow('iam:ChangePassword', ['arn:aws:iam::*:user/${aws:username}', 'arn:aws:iam::*:user/*/${aws:username}']))
const teamDefault = v12(allow('s3:GetObject', `${BUCKET}/\${aws:PrincipalTag/team, 'company-wide'}/*`))
const owner = v12(allow('ec2:StartInstances', '*', { Condition: { StringEquals: { 'aws:ResourceTag/owner': '${aws:username}' } } }))

export const cases: EvalCase[] = [
  res('${aws:username} in Resource matches the caller\'s folder', VARS, home, `${BUCKET}/home/jill/notes.txt`, true),
  res('${aws:username} in Resource does not match another user\'s folder', VARS, home, `${BUCKET}/home/bob/notes.txt`, false),
  res('${aws:username} has no value for a role session: the statement does not match', NOVALUE, home, `${BUCKET}/home/Deploy/notes.txt`, false, 'deploy'),
  res('StringLike s3:prefix ${aws:username}/* allows the caller\'s prefix', VARS, prefixOwn, BUCKET, true, 'jill', 's3:ListBucket', { 's3:prefix': 'jill/photos/' }),
  res('StringLike s3:prefix ${aws:username}/* denies another prefix', VARS, prefixOwn, BUCKET, false, 'jill', 's3:ListBucket', { 's3:prefix': 'bob/' }),
  res('StringLike s3:prefix ${aws:username}/* denies a listing without a prefix', VARS, prefixOwn, BUCKET, false, 'jill', 's3:ListBucket'),
  res('home-folder listing: the empty prefix is allowed', `${VARS} (example: home folder listing)`, listOwn, BUCKET, true, 'jill', 's3:ListBucket', { 's3:prefix': '' }),
  res('home-folder listing: home/ is allowed', VARS, listOwn, BUCKET, true, 'jill', 's3:ListBucket', { 's3:prefix': 'home/' }),
  res('home-folder listing: own folder is allowed', VARS, listOwn, BUCKET, true, 'jill', 's3:ListBucket', { 's3:prefix': 'home/jill/docs/' }),
  res('home-folder listing: another user\'s folder is denied', VARS, listOwn, BUCKET, false, 'jill', 's3:ListBucket', { 's3:prefix': 'home/bob/' }),
  res('IAMUserChangePassword: a user may change their own password', 'spec 8.1 IAMUserChangePassword', changePassword, `arn:aws:iam::${ACCT}:user/jill`, true, 'jill', 'iam:ChangePassword'),
  res('IAMUserChangePassword: not another user\'s password', 'spec 8.1 IAMUserChangePassword', changePassword, `arn:aws:iam::${ACCT}:user/bob`, false, 'jill', 'iam:ChangePassword'),
  res('IAMUserChangePassword: a user with a path matches user/*/${aws:username}', 'spec 8.1 IAMUserChangePassword', changePassword, `arn:aws:iam::${ACCT}:user/dev/alice`, true, 'alice', 'iam:ChangePassword'),
  res('${aws:userid} in Resource', VARS, v12(allow('s3:GetObject', `${BUCKET}/\${aws:userid}/*`)), `${BUCKET}/AIDAJQABLZS4A3QDU576Q/a`, true),
  res('${aws:PrincipalTag/team} in Resource', `${VARS} (Tags as policy variables)`, v12(allow('s3:GetObject', `${BUCKET}/\${aws:PrincipalTag/team}/*`)), `${BUCKET}/blue/a`, true, 'taggedJill'),
  res('${aws:PrincipalTag/team} without the tag: no match', NOVALUE, v12(allow('s3:GetObject', `${BUCKET}/\${aws:PrincipalTag/team}/*`)), `${BUCKET}/blue/a`, false, 'jill'),
  res('default value used when the tag is missing', DEFAULTS, teamDefault, `${BUCKET}/company-wide/a`, true, 'jill'),
  res('default value not used when the tag is present', DEFAULTS, teamDefault, `${BUCKET}/company-wide/a`, false, 'taggedJill'),
  res('tag value used when present (with a default)', DEFAULTS, teamDefault, `${BUCKET}/blue/a`, true, 'taggedJill'),
  res('variable names are case-insensitive (${AWS:UserName})', VARS, v12(allow('s3:GetObject', `${BUCKET}/home/\${AWS:UserName}/*`)), `${BUCKET}/home/jill/a`, true),
  res('${aws:PrincipalAccount} in the account segment', VARS, v12(allow('iam:GetUser', 'arn:aws:iam::${aws:PrincipalAccount}:user/*')), `arn:aws:iam::${ACCT}:user/bob`, true, 'jill', 'iam:GetUser'),
  res('${aws:PrincipalAccount} does not match another account', VARS, v12(allow('iam:GetUser', 'arn:aws:iam::${aws:PrincipalAccount}:user/*')), 'arn:aws:iam::111122223333:user/bob', false, 'jill', 'iam:GetUser'),
  res('${*} is a literal asterisk, not a wildcard (no match for other keys)', SPECIAL, v12(allow('s3:GetObject', `${BUCKET}/\${*}`)), `${BUCKET}/anything`, false),
  res('${*} matches a key that is literally *', SPECIAL, v12(allow('s3:GetObject', `${BUCKET}/\${*}`)), `${BUCKET}/*`, true),
  res('${?} is a literal question mark', SPECIAL, v12(allow('s3:GetObject', `${BUCKET}/why\${?}`)), `${BUCKET}/whyX`, false),
  res('${?} matches a literal ?', SPECIAL, v12(allow('s3:GetObject', `${BUCKET}/why\${?}`)), `${BUCKET}/why?`, true),
  res('${$} is a literal dollar sign', SPECIAL, v12(allow('s3:GetObject', `${BUCKET}/\${$}price`)), `${BUCKET}/$price`, true),
  res('substituted text is literal: a * in the value is not a wildcard', `${VARS} (substitution produces literal text)`, v12(allow('s3:GetObject', `${BUCKET}/\${s3:prefix}`)), `${BUCKET}/abc`, false, 'jill', 's3:GetObject', { 's3:prefix': 'a*' }),
  res('a multivalued key cannot be a variable', `${MULTI_NOTE}`, v12(allow('s3:GetObject', `${BUCKET}/\${aws:TagKeys}/*`)), `${BUCKET}/env/a`, false, 'jill', 's3:GetObject', { 'aws:TagKeys': ['env', 'team'] }),
  res('Version 2008-10-17: ${aws:username} is literal text (no match for the user folder)', VERSION, v08(allow('s3:GetObject', `${BUCKET}/home/\${aws:username}/*`)), `${BUCKET}/home/jill/a`, false),
  res('Version 2008-10-17: ${aws:username} matches the literal key', VERSION, v08(allow('s3:GetObject', `${BUCKET}/home/\${aws:username}/*`)), `${BUCKET}/home/\${aws:username}/a`, true),
  res('no Version: treated as 2008-10-17, variables are literal', `${VERSION} (omitted Version defaults to 2008-10-17)`, { Statement: [allow('s3:GetObject', `${BUCKET}/home/\${aws:username}/*`)] }, `${BUCKET}/home/jill/a`, false),
  res('Version 2008-10-17: a variable in a condition value is literal too', VERSION, v08(allow('s3:ListBucket', BUCKET, { Condition: { StringEquals: { 's3:prefix': '${aws:username}' } } })), BUCKET, false, 'jill', 's3:ListBucket', { 's3:prefix': 'jill' }),
  res('ABAC: aws:ResourceTag/owner must equal ${aws:username}', `${VARS} (variables in condition values)`, owner, '*', true, 'jill', 'ec2:StartInstances', { 'aws:ResourceTag/owner': 'jill' }),
  res('ABAC: another owner is denied', VARS, owner, '*', false, 'jill', 'ec2:StartInstances', { 'aws:ResourceTag/owner': 'bob' }),
  res('ABAC: a role session has no aws:username, so the condition is false', NOVALUE, owner, '*', false, 'deploy', 'ec2:StartInstances', { 'aws:ResourceTag/owner': 'Deploy' }),
  res(
    'ABAC: aws:ResourceTag/team must equal ${aws:PrincipalTag/team}',
    'IAM User Guide: Define permissions based on attributes with ABAC authorization',
    v12(allow('ec2:StopInstances', '*', { Condition: { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } } })),
    '*',
    true,
    'taggedDeploy',
    'ec2:StopInstances',
    { 'aws:ResourceTag/team': 'red' },
  ),
]
