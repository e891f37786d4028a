/** Principals and document builders shared by the case tables. */
import type { PolicyDocument, RequestPrincipal } from '../types.js'

export const ACCT = '123456789012'
export const OTHER = '111122223333'

function user(name: string, account = ACCT, path = '/', id = 'AIDAJQABLZS4A3QDU576Q'): RequestPrincipal {
  return { type: 'User', arn: `arn:aws:iam::${account}:user${path}${name}`, accountId: account, userId: id, username: name }
}

function session(role: string, name: string, account = ACCT, roleId = 'AROA3XFRBF535PLBIFPI4', path = '/'): RequestPrincipal {
  return {
    type: 'AssumedRole',
    arn: `arn:aws:sts::${account}:assumed-role/${role}/${name}`,
    accountId: account,
    userId: `${roleId}:${name}`,
    roleArn: `arn:aws:iam::${account}:role${path}${role}`,
    sessionName: name,
  }
}

/** Named callers used by the tables. */
export const P = {
  jill: user('jill'),
  bob: user('bob', ACCT, '/', 'AIDAEXAMPLEBOB0000001'),
  alice: user('alice', ACCT, '/dev/', 'AIDAEXAMPLEALICE00001'),
  carol: user('carol', OTHER, '/', 'AIDAEXAMPLECAROL00001'),
  root: { type: 'Account', arn: `arn:aws:iam::${ACCT}:root`, accountId: ACCT, userId: ACCT } as RequestPrincipal,
  otherRoot: { type: 'Account', arn: `arn:aws:iam::${OTHER}:root`, accountId: OTHER, userId: OTHER } as RequestPrincipal,
  deploy: session('Deploy', 'ci'),
  deployOther: session('Deploy', 'laptop'),
  admin: session('Admin', 'ops', ACCT, 'AROAEXAMPLEADMIN00001'),
  pathRole: session('Builder', 'b1', ACCT, 'AROAEXAMPLEBUILDER001', '/build/'),
  crossSession: session('Auditor', 'audit', OTHER, 'AROAEXAMPLEAUDITOR001'),
  anonymous: { type: 'Anonymous', arn: '*', accountId: '', userId: 'anonymous' } as RequestPrincipal,
  ec2: { type: 'Service', arn: 'ec2.amazonaws.com', accountId: '', userId: 'ec2.amazonaws.com', service: 'ec2.amazonaws.com' } as RequestPrincipal,
  taggedJill: { ...user('jill'), tags: { team: 'blue', CostCenter: '12345' } },
  taggedDeploy: { ...session('Deploy', 'ci'), tags: { team: 'red', project: 'apollo' } },
} satisfies Record<string, RequestPrincipal>

export type PrincipalName = keyof typeof P

/** `{ Version: '2012-10-17', Statement: [...] }`. */
export const v12 = (...Statement: object[]): PolicyDocument => ({ Version: '2012-10-17', Statement })
/** `{ Version: '2008-10-17', Statement: [...] }`. */
export const v08 = (...Statement: object[]): PolicyDocument => ({ Version: '2008-10-17', Statement })

type Extra = Record<string, unknown>
/** An Allow statement. */
export const allow = (Action: string | string[], Resource: string | string[] = '*', extra: Extra = {}): Extra => ({ Effect: 'Allow', Action, Resource, ...extra })
/** A Deny statement. */
export const deny = (Action: string | string[], Resource: string | string[] = '*', extra: Extra = {}): Extra => ({ Effect: 'Deny', Action, Resource, ...extra })
/** A statement for resource-based policies (Principal + Action + Resource). */
export const grant = (Principal: unknown, Action: string | string[], Resource: string | string[], extra: Extra = {}): Extra => ({
  Effect: 'Allow',
  Principal,
  Action,
  Resource,
  ...extra,
})
/** A trust-policy statement (Principal + Action, no Resource). */
export const trust = (Principal: unknown, Action: string | string[] = 'sts:AssumeRole', extra: Extra = {}): Extra => ({ Effect: 'Allow', Principal, Action, ...extra })

export const BUCKET = 'arn:aws:s3:::amzn-s3-demo-bucket'
export const ROLE_ARN = `arn:aws:iam::${ACCT}:role/Target`
