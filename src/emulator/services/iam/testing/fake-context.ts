import { arns } from '../../../arn.js'
import type { Decision } from '../../../../policy/types.js'
import { emptyAccount, emptyState, type AccountState, type EmulatorState } from '../../../state/model.js'
import { AwsServiceError, type AuthorizeOptions, type Caller, type OpContext } from '../../types.js'
import { iamOperations } from '../index.js'

/**
 * Unit-test harness for IAM handlers: a hand-built OpContext over a fresh state, with an
 * `authorize` that records every call and allows everything, or denies what `deny` says
 * (throwing AccessDenied as the platform's authorize does).
 */

export const ACCOUNT = '123456789012'
export const ROOT_KEY = 'AKIAIOSFODNN7EXAMPLE'

export interface AuthorizeCall {
  action: string
  resource: string
  opts?: AuthorizeOptions
}

export interface FakeIam {
  state: EmulatorState
  account: AccountState
  calls: AuthorizeCall[]
  /** Current clock (epoch ms); tests may move it. */
  now: number
  consistencyDelayMs: number
  /** Deny predicate (default: allow all). */
  deny?: (action: string, resource: string) => boolean
  caller: Caller
  call(operation: string, input?: Record<string, unknown>): any
  asRoot(): void
  asUser(name: string): void
  asRoleSession(roleName: string, sessionName: string): void
}

const allowed: Decision = { decision: 'Allowed', by: 'identity', matched: [], misses: [], missingContextKeys: [], summary: 'allowed (test)' }

export function fakeIam(options: { deny?: (action: string, resource: string) => boolean } = {}): FakeIam {
  const state = emptyState()
  const account = emptyAccount(ACCOUNT, 'c'.repeat(64))
  state.accounts.set(ACCOUNT, account)
  state.accessKeys.set(ROOT_KEY, {
    id: ROOT_KEY,
    secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    accountId: ACCOUNT,
    status: 'Active',
    createDate: 1_600_000_000_000,
    effectiveAt: 0,
  })
  const rootCaller = (): Caller => ({
    principal: { type: 'Account', arn: arns.root(ACCOUNT), accountId: ACCOUNT, userId: ACCOUNT },
    account,
    accessKeyId: ROOT_KEY,
    kind: 'root',
    key: state.accessKeys.get(ROOT_KEY),
  })
  const fake: FakeIam = {
    state,
    account,
    calls: [],
    now: 1_700_000_000_000,
    consistencyDelayMs: 0,
    deny: options.deny,
    caller: rootCaller(),
    call(operation, input = {}) {
      const op = iamOperations[operation]
      if (!op) throw new Error(`no IAM operation ${operation}`)
      const ctx: OpContext = {
        state,
        caller: fake.caller,
        now: fake.now,
        region: 'us-east-1',
        requestId: '00000000-0000-4000-8000-000000000000',
        consistencyDelayMs: fake.consistencyDelayMs,
        authorize(action, resource, opts) {
          fake.calls.push({ action, resource, ...(opts ? { opts } : {}) })
          if (fake.deny?.(action, resource)) {
            throw new AwsServiceError(
              'AccessDenied',
              403,
              `User: ${fake.caller.principal.arn} is not authorized to perform: ${action} on resource: ${resource}`,
            )
          }
          return allowed
        },
      }
      return op(ctx, input)
    },
    asRoot() {
      fake.caller = rootCaller()
    },
    asUser(name) {
      const user = account.users.get(name.toLowerCase())
      if (!user) throw new Error(`no user ${name}`)
      fake.caller = {
        principal: { type: 'User', arn: user.arn, accountId: ACCOUNT, userId: user.id, username: user.name },
        account,
        accessKeyId: 'AKIAUSERKEY000000000',
        kind: 'user',
      }
    },
    asRoleSession(roleName, sessionName) {
      const role = account.roles.get(roleName.toLowerCase())
      if (!role) throw new Error(`no role ${roleName}`)
      fake.caller = {
        principal: {
          type: 'AssumedRole',
          arn: arns.assumedRole(ACCOUNT, role.name, sessionName),
          accountId: ACCOUNT,
          userId: `${role.id}:${sessionName}`,
          roleArn: role.arn,
          sessionName,
        },
        account,
        accessKeyId: 'ASIASESSIONKEY000000',
        kind: 'session',
      }
    },
  }
  return fake
}

/** Run `fn` and return the AwsServiceError it throws (fails the test if it does not throw one). */
export function errorOf(fn: () => unknown): AwsServiceError {
  try {
    fn()
  } catch (e) {
    if (e instanceof AwsServiceError) return e
    throw e
  }
  throw new Error('expected an AwsServiceError, but the call succeeded')
}

/** A minimal trust policy letting `principal` (an AWS principal value) assume the role. */
export function trustFor(principal: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' }],
  })
}

export const ALLOW_S3_READ = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: '*' }],
})
