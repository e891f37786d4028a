// The benchmark's request and policies: a realistic 10-statement identity policy with
// conditions and policy variables, plus a permissions boundary.

export const request = {
  principal: {
    type: 'User',
    arn: 'arn:aws:iam::123456789012:user/jill',
    accountId: '123456789012',
    userId: 'AIDAJQABLZS4A3QDU576Q',
    username: 'jill',
    tags: { team: 'blue', costcenter: '1234' },
  },
  action: 's3:GetObject',
  resource: 'arn:aws:s3:::corp-data/home/jill/reports/q3.csv',
  context: {
    'aws:SourceIp': '203.0.113.25',
    'aws:SecureTransport': true,
    'aws:CurrentTime': '2026-05-01T12:00:00Z',
    'aws:MultiFactorAuthPresent': true,
    'aws:RequestedRegion': 'us-east-1',
  },
}

export const identityDoc = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'ListOwnPrefix', Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::corp-data', Condition: { StringLike: { 's3:prefix': ['home/${aws:username}/*', ''] } } },
    { Sid: 'ReadWriteHome', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], Resource: 'arn:aws:s3:::corp-data/home/${aws:username}/*', Condition: { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '198.51.100.0/24'] } } },
    { Sid: 'TeamShare', Effect: 'Allow', Action: 's3:Get*', Resource: 'arn:aws:s3:::corp-data/teams/${aws:PrincipalTag/team}/*' },
    { Sid: 'Ec2Read', Effect: 'Allow', Action: ['ec2:Describe*', 'ec2:Get*'], Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } } },
    { Sid: 'Ec2Tagged', Effect: 'Allow', Action: ['ec2:StartInstances', 'ec2:StopInstances'], Resource: 'arn:aws:ec2:*:123456789012:instance/*', Condition: { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } } },
    { Sid: 'IamSelf', Effect: 'Allow', Action: ['iam:GetUser', 'iam:ChangePassword', 'iam:*AccessKey*'], Resource: 'arn:aws:iam::123456789012:user/${aws:username}' },
    { Sid: 'LogsWrite', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: 'arn:aws:logs:us-east-1:123456789012:log-group:app:*' },
    { Sid: 'WorkHours', Effect: 'Allow', Action: 'dynamodb:*', Resource: 'arn:aws:dynamodb:us-east-1:123456789012:table/Reports', Condition: { DateGreaterThan: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' }, DateLessThan: { 'aws:CurrentTime': '2026-12-31T23:59:59Z' } } },
    { Sid: 'DenyNoTls', Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
    { Sid: 'DenyNoMfa', Effect: 'Deny', Action: ['s3:DeleteObject', 'iam:*'], Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } },
  ],
}

export const boundaryDoc = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Services', Effect: 'Allow', Action: ['s3:*', 'ec2:*', 'logs:*', 'dynamodb:*', 'iam:Get*', 'iam:ChangePassword', 'iam:*AccessKey*'], Resource: '*' },
    { Sid: 'KeepBoundary', Effect: 'Deny', Action: ['iam:DeleteUserPermissionsBoundary', 'iam:PutUserPermissionsBoundary'], Resource: '*' },
  ],
}

/** `n` policies about other services, for the "loaded but unrelated" measurements. */
export function unrelatedDocs(n) {
  return Array.from({ length: n }, (_, i) => ({
    Version: '2012-10-17',
    Statement: [
      { Sid: `S${i}a`, Effect: 'Allow', Action: [`svc${i}:Get*`, `svc${i}:List*`], Resource: `arn:aws:svc${i}:*:123456789012:thing/*` },
      { Sid: `S${i}b`, Effect: 'Deny', Action: `svc${i}:Delete*`, Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': 'us-east-1' } } },
    ],
  }))
}

/** `n` statements on the request's own service and action, each on another bucket (issue 19, item 3). */
export function sameServiceStatements(n) {
  return Array.from({ length: n }, (_, i) => ({ Sid: `Other${i}`, Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::other-bucket-${String(i).padStart(4, '0')}/*` }))
}

/**
 * A principal at AWS's quotas (IAM and STS quotas: 20 managed policies per user when raised,
 * 6,144 characters each, whitespace not counted): `count` documents, each packed with
 * single-bucket s3:GetObject statements until the next would pass `maxChars`.
 */
export function quotaSizedDocs(count = 20, maxChars = 6144) {
  const docs = []
  let k = 0
  for (let d = 0; d < count; d++) {
    const doc = { Version: '2012-10-17', Statement: [] }
    for (;;) {
      const st = { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::other-bucket-${String(k).padStart(4, '0')}/*` }
      doc.Statement.push(st)
      if (JSON.stringify(doc).length > maxChars) {
        doc.Statement.pop()
        break
      }
      k++
    }
    docs.push(doc)
  }
  return docs
}
