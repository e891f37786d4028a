import { describe, expect, it } from 'vitest'
import { resolveAction } from '../../actions/registry.js'
import { Renamer } from './rename.js'

const S = 'k3f9a2'
const names = new Renamer([
  { kind: 'user', name: 'demo-user', renamed: `demo-user-${S}` },
  { kind: 'user', name: 'Jill', renamed: `Jill-${S}` },
  { kind: 'role', name: 'demo-role', renamed: `demo-role-${S}` },
  { kind: 'group', name: 'devs', renamed: `devs-${S}` },
  { kind: 'policy', name: 'demo-policy', renamed: `demo-policy-${S}` },
  { kind: 'instance-profile', name: 'web', renamed: `web-${S}` },
  { kind: 'bucket', name: 'lab-bucket', renamed: `lab-bucket-${S}` },
  { kind: 'mfa', name: 'demo-user', renamed: `demo-user-${S}` },
  { kind: 'oidc-provider', name: 'token.actions.githubusercontent.com', renamed: `token.actions.githubusercontent.com/${S}` },
])
const A = '123456789012'

describe('Renamer: what is rewritten', () => {
  it('name members of any action, by their kind', () => {
    expect(names.input({ UserName: 'demo-user', RoleName: 'demo-role', GroupName: 'devs', InstanceProfileName: 'web', Bucket: 'lab-bucket', VirtualMFADeviceName: 'demo-user', NewUserName: 'demo-user' })).toEqual({
      UserName: `demo-user-${S}`,
      RoleName: `demo-role-${S}`,
      GroupName: `devs-${S}`,
      InstanceProfileName: `web-${S}`,
      Bucket: `lab-bucket-${S}`,
      VirtualMFADeviceName: `demo-user-${S}`,
      NewUserName: `demo-user-${S}`,
    })
  })

  it("iam.createPolicy's PolicyName (a managed policy); an inline policy's PolicyName is left", () => {
    expect(names.input({ PolicyName: 'demo-policy', PolicyDocument: {} }, resolveAction('iam.createPolicy'))).toEqual({ PolicyName: `demo-policy-${S}`, PolicyDocument: {} })
    expect(names.input({ UserName: 'demo-user', PolicyName: 'demo-policy', PolicyDocument: {} }, resolveAction('iam.putUserPolicy'))).toEqual({ UserName: `demo-user-${S}`, PolicyName: 'demo-policy', PolicyDocument: {} })
  })

  it('the name position of IAM, STS and S3 ARNs, with paths, in any member and in policy documents', () => {
    const doc = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:user/demo-user` }, Action: 'sts:AssumeRole' },
        { Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::lab-bucket', 'arn:aws:s3:::lab-bucket/*'] },
        { Effect: 'Allow', Action: 'iam:PassRole', Resource: `arn:aws:iam::${A}:role/team/a/demo-role` },
        { Effect: 'Allow', Action: 'iam:GetGroup', Resource: `arn:aws:iam::*:group/devs` },
        { Effect: 'Allow', Action: 'iam:*', Resource: `arn:aws:iam::${A}:instance-profile/web`, Condition: { ArnEquals: { 'aws:PrincipalArn': `arn:aws:sts::${A}:assumed-role/demo-role/session-1` } } },
      ],
    }
    expect(names.input({ PolicyArn: `arn:aws:iam::${A}:policy/demo-policy`, SerialNumber: `arn:aws:iam::${A}:mfa/demo-user`, PolicyDocument: doc })).toEqual({
      PolicyArn: `arn:aws:iam::${A}:policy/demo-policy-${S}`,
      SerialNumber: `arn:aws:iam::${A}:mfa/demo-user-${S}`,
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:user/demo-user-${S}` }, Action: 'sts:AssumeRole' },
          { Effect: 'Allow', Action: 's3:GetObject', Resource: [`arn:aws:s3:::lab-bucket-${S}`, `arn:aws:s3:::lab-bucket-${S}/*`] },
          { Effect: 'Allow', Action: 'iam:PassRole', Resource: `arn:aws:iam::${A}:role/team/a/demo-role-${S}` },
          { Effect: 'Allow', Action: 'iam:GetGroup', Resource: `arn:aws:iam::*:group/devs-${S}` },
          { Effect: 'Allow', Action: 'iam:*', Resource: `arn:aws:iam::${A}:instance-profile/web-${S}`, Condition: { ArnEquals: { 'aws:PrincipalArn': `arn:aws:sts::${A}:assumed-role/demo-role-${S}/session-1` } } },
        ],
      },
    })
  })

  it('a policy document given as JSON text', () => {
    const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::lab-bucket/*' }] })
    expect(JSON.parse((names.input({ Bucket: 'lab-bucket', Policy: text }) as { Policy: string }).Policy)).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: `arn:aws:s3:::lab-bucket-${S}/*` }] })
  })

  it('aws:username condition values (a literal user name), and OIDC condition keys, URLs and ARNs', () => {
    const doc = {
      Statement: [
        { Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: { StringEquals: { 'aws:username': ['demo-user', 'someone-else'] }, StringLike: { 'aws:UserName': 'demo-user' } } },
        {
          Effect: 'Allow',
          Principal: { Federated: `arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com` },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': 'repo:acme/web:ref:refs/heads/main' } },
        },
      ],
    }
    expect(names.input({ AssumeRolePolicyDocument: doc })).toEqual({
      AssumeRolePolicyDocument: {
        Statement: [
          { Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: { StringEquals: { 'aws:username': [`demo-user-${S}`, 'someone-else'] }, StringLike: { 'aws:UserName': `demo-user-${S}` } } },
          {
            Effect: 'Allow',
            Principal: { Federated: `arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com/${S}` },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: { StringEquals: { [`token.actions.githubusercontent.com/${S}:aud`]: 'sts.amazonaws.com', [`token.actions.githubusercontent.com/${S}:sub`]: 'repo:acme/web:ref:refs/heads/main' } },
          },
        ],
      },
    })
    expect(names.input({ Url: 'https://token.actions.githubusercontent.com', ClientIDList: ['sts.amazonaws.com'] })).toEqual({ Url: `https://token.actions.githubusercontent.com/${S}`, ClientIDList: ['sts.amazonaws.com'] })
    expect(names.input({ Issuer: 'https://token.actions.githubusercontent.com/' })).toEqual({ Issuer: `https://token.actions.githubusercontent.com/${S}` })
  })

  it('CopySource: the bucket of a BUCKET/KEY path', () => {
    expect(names.input({ Bucket: 'lab-bucket', Key: 'b', CopySource: '/lab-bucket/a.txt' })).toEqual({ Bucket: `lab-bucket-${S}`, Key: 'b', CopySource: `/lab-bucket-${S}/a.txt` })
    expect(names.input({ CopySource: 'other/lab-bucket' })).toEqual({ CopySource: 'other/lab-bucket' })
  })

  it('expectations: output checks by the last member of their path, ARNs anywhere, messages', () => {
    const expect1 = names.expectation({
      output: {
        'User.UserName': { equals: 'demo-user' },
        'User.Arn': { equals: `arn:aws:iam::${A}:user/demo-user` },
        'AssumedRoleUser.Arn': { equals: `arn:aws:sts::${A}:assumed-role/demo-role/s1` },
        AccessKeyMetadata: { contains: { UserName: 'demo-user', Status: 'Active' } },
        'Groups[0].GroupName': { equals: 'devs' },
        'Roles[*].RoleName': { contains: 'demo-role' },
        Provider: { equals: 'https://token.actions.githubusercontent.com' },
        'Role.Arn': { matches: 'demo-role$' },
        'User.Path': { exists: true },
      },
    })
    expect(expect1).toEqual({
      output: {
        'User.UserName': { equals: `demo-user-${S}` },
        'User.Arn': { equals: `arn:aws:iam::${A}:user/demo-user-${S}` },
        'AssumedRoleUser.Arn': { equals: `arn:aws:sts::${A}:assumed-role/demo-role-${S}/s1` },
        AccessKeyMetadata: { contains: { UserName: `demo-user-${S}`, Status: 'Active' } },
        'Groups[0].GroupName': { equals: `devs-${S}` },
        'Roles[*].RoleName': { contains: `demo-role-${S}` },
        Provider: { equals: `https://token.actions.githubusercontent.com/${S}` },
        'Role.Arn': { matches: 'demo-role$' },
        'User.Path': { exists: true },
      },
    })
    expect(names.expectation({ error: 'AccessDenied', message: `User: arn:aws:iam::${A}:user/Jill is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::${A}:user/`, output: {} })).toEqual({
      error: 'AccessDenied',
      message: `User: arn:aws:iam::${A}:user/Jill-${S} is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::${A}:user/`,
      output: {},
    })
    expect(names.expectation({ error: 'NoSuchEntity', message: 'The user with name demo-user cannot be found.', output: {} }).message).toBe(`The user with name demo-user-${S} cannot be found.`)
    expect(names.expectation({ error: 'EntityAlreadyExists', message: 'Role with name demo-role already exists.', output: {} }).message).toBe(`Role with name demo-role-${S} already exists.`)
    expect(names.expectation({ error: 'X', message: `ends with an ARN arn:aws:iam::${A}:user/Jill.`, output: {} }).message).toBe(`ends with an ARN arn:aws:iam::${A}:user/Jill-${S}.`)
  })
})

describe('Renamer: output checks that depend on the action', () => {
  it('PolicyName names a managed policy in outputs, except for actions reading an inline policy; Name under Buckets is a bucket', () => {
    const check = { output: { 'Policy.PolicyName': { equals: 'demo-policy' }, 'AttachedPolicies[*].PolicyName': { contains: 'demo-policy' } } }
    expect(names.expectation(check, resolveAction('iam.createPolicy')).output).toEqual({ 'Policy.PolicyName': { equals: `demo-policy-${S}` }, 'AttachedPolicies[*].PolicyName': { contains: `demo-policy-${S}` } })
    expect(names.expectation(check, resolveAction('iam.listAttachedRolePolicies')).output).toEqual({ 'Policy.PolicyName': { equals: `demo-policy-${S}` }, 'AttachedPolicies[*].PolicyName': { contains: `demo-policy-${S}` } })
    expect(names.expectation({ output: { PolicyName: { equals: 'demo-policy' } } }, resolveAction('iam.getUserPolicy')).output).toEqual({ PolicyName: { equals: 'demo-policy' } })
    expect(names.expectation({ output: { 'Buckets[*].Name': { contains: 'lab-bucket' }, Buckets: { contains: { Name: 'lab-bucket' } }, 'Owner.Name': { equals: 'lab-bucket' } } }, resolveAction('s3.listBuckets')).output).toEqual({
      'Buckets[*].Name': { contains: `lab-bucket-${S}` },
      Buckets: { contains: { Name: `lab-bucket-${S}` } },
      'Owner.Name': { equals: 'lab-bucket' },
    })
  })
})

describe('Renamer: false positives it must not make', () => {
  it('never a substring, a longer or shorter name, a wildcard or a policy variable', () => {
    const input = {
      UserName: 'demo-user-2',
      RoleName: 'xdemo-role',
      GroupName: 'dev',
      PolicyDocument: {
        Statement: [
          { Effect: 'Allow', Action: 'iam:*', Resource: [`arn:aws:iam::${A}:user/demo-*`, `arn:aws:iam::${A}:user/demo-user*`, `arn:aws:iam::${A}:user/\${aws:username}`, `arn:aws:iam::${A}:role/demo-role-old`, 'arn:aws:s3:::lab-bucket-logs/*', 'arn:aws:s3:::lab-*'] },
        ],
      },
    }
    expect(names.input(input)).toEqual(input)
  })

  it("another kind's name: a role named like a created user, a bucket named like a created role", () => {
    const input = { RoleName: 'demo-user', Bucket: 'demo-role', Resource: [`arn:aws:iam::${A}:role/demo-user`, `arn:aws:iam::${A}:group/demo-user`, 'arn:aws:s3:::demo-role'] }
    expect(names.input(input)).toEqual(input)
  })

  it("AWS managed policies (account aws), even when the run creates a policy of that name", () => {
    const renamer = new Renamer([{ kind: 'policy', name: 'AdministratorAccess', renamed: `AdministratorAccess-${S}` }])
    expect(renamer.input({ PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' })).toEqual({ PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' })
    expect(renamer.input({ PolicyArn: `arn:aws:iam::${A}:policy/AdministratorAccess` })).toEqual({ PolicyArn: `arn:aws:iam::${A}:policy/AdministratorAccess-${S}` })
  })

  it('members that name nothing renamed keep the text: descriptions, tags, session names, object keys, inline policy names, other conditions', () => {
    const input = {
      RoleName: 'demo-role',
      Description: 'for demo-user and demo-role',
      Tags: [{ Key: 'owner', Value: 'demo-user' }],
      RoleSessionName: 'demo-user',
      Key: 'lab-bucket/demo-user.txt',
      PolicyName: 'demo-policy',
      Condition: { StringEquals: { 'aws:PrincipalTag/team': 'devs', 's3:prefix': 'demo-user/' } },
      Url: 'https://token.actions.githubusercontent.com.evil.example',
    }
    expect(names.input(input, resolveAction('iam.putRolePolicy'))).toEqual({ ...input, RoleName: `demo-role-${S}` })
  })

  it('an unrelated word in a message: only ARNs and "with name X" are rewritten', () => {
    const renamer = new Renamer([{ kind: 'user', name: 'policy', renamed: `policy-${S}` }])
    const message = 'because no identity-based policy allows the iam:ListUsers action; The user policy with name policy cannot be found.'
    expect(renamer.expectation({ error: 'AccessDenied', message, output: {} }).message).toBe(message)
    expect(renamer.expectation({ error: 'AccessDenied', message: '/user\\/policy$/', output: {} }).message).toBe('/user\\/policy$/')
  })

  it('is idempotent on values that already carry the run-scoped names (captured ARNs)', () => {
    const input = { PolicyArn: `arn:aws:iam::${A}:policy/demo-policy-${S}`, UserName: `demo-user-${S}` }
    expect(names.input(input)).toEqual(input)
  })

  it('keys of the input are data: __proto__ stays an own key, nothing reaches a prototype', () => {
    const input = JSON.parse('{"__proto__": {"UserName": "demo-user"}, "UserName": "demo-user"}') as Record<string, unknown>
    const out = names.input(input) as Record<string, unknown>
    expect(Object.hasOwn(out, '__proto__')).toBe(true)
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).UserName).toBeUndefined()
    expect(out.UserName).toBe(`demo-user-${S}`)
  })
})
