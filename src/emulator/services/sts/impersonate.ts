import { ownGet } from '../../../safe-object.js'
import { arns, parseArn } from '../../arn.js'
import { AwsServiceError, type Operation } from '../types.js'
import { scalarOf } from '../validation-message.js'
import { credentialsOutput, issueSession } from './credentials.js'

/**
 * `IamflowImpersonate`: iamflow's own operation (not AWS's; the emulator only), behind a
 * scenario's `identities: { NAME: { impersonate: ARN } }`. The root user of an account gets
 * credentials that act as an existing role or user of that same account, without its keys and
 * without its trust policy being asked: a role's session is an assumed-role session of it (the
 * role's own policies and boundary decide what it may do, `arn:aws:sts::ACCOUNT:assumed-role/
 * ROLE/SESSION`), a user's is a session of the user (its policies, groups and boundary). This is
 * how a scenario acts as a principal of an account loaded from a snapshot. The answer is flat:
 * AccessKeyId, SecretAccessKey, SessionToken, Expiration, Arn.
 */

const bad = (message: string) => new AwsServiceError('InvalidParameterValue', 400, message)
const SESSION_RE = /^[\w+=,.@-]{2,64}$/

export const impersonate: Operation<Record<string, unknown>> = async (ctx, raw) => {
  const caller = ctx.caller
  if (caller.kind !== 'root') {
    throw new AwsServiceError('AccessDenied', 403, `User: ${caller.principal.arn} is not authorized to perform: IamflowImpersonate: only an account's root user may impersonate its principals`)
  }
  const arn = scalarOf(ownGet(raw, 'PrincipalArn'))
  if (arn === undefined) throw bad('PrincipalArn is required.')
  const sessionName = scalarOf(ownGet(raw, 'SessionName')) ?? 'iamflow-impersonated'
  if (!SESSION_RE.test(sessionName)) throw bad('SessionName must be 2 to 64 characters of letters, digits and +=,.@_-.')
  const durationText = scalarOf(ownGet(raw, 'DurationSeconds'))
  const duration = durationText === undefined ? 3600 : Number(durationText)
  if (!Number.isInteger(duration) || duration < 900 || duration > 43200) throw bad('DurationSeconds must be an integer from 900 to 43200.')
  const parsed = parseArn(arn)
  const account = caller.account
  if (!parsed || parsed.service !== 'iam' || parsed.account !== account.id) throw bad(`PrincipalArn ${arn} is not a role or user of account ${account.id}.`)
  const [kind, ...rest] = parsed.resource.split('/')
  const name = rest.at(-1) ?? ''
  if (kind === 'role') {
    const role = account.roles.get(name.toLowerCase())
    if (!role || role.arn !== arn) throw new AwsServiceError('NoSuchEntity', 404, `The role ${arn} does not exist.`)
    if (duration > role.maxSessionDuration) throw bad(`DurationSeconds ${duration} exceeds the MaxSessionDuration of ${role.name} (${role.maxSessionDuration}).`)
    const session = issueSession(ctx.state, ctx.now, {
      expiration: ctx.now + duration * 1000,
      kind: 'assumed-role',
      accountId: account.id,
      roleId: role.id,
      roleName: role.name,
      roleArn: role.arn,
      sessionName,
      chained: false,
      mfa: false,
      parentAccessKeyId: caller.accessKeyId,
      impersonated: true,
    })
    return { ...credentialsOutput(session), Arn: arns.assumedRole(account.id, role.name, sessionName) }
  }
  if (kind === 'user') {
    const user = account.users.get(name.toLowerCase())
    if (!user || user.arn !== arn) throw new AwsServiceError('NoSuchEntity', 404, `The user ${arn} does not exist.`)
    const session = issueSession(ctx.state, ctx.now, {
      expiration: ctx.now + duration * 1000,
      kind: 'session-token',
      accountId: account.id,
      userName: user.name,
      chained: false,
      mfa: false,
      parentAccessKeyId: caller.accessKeyId,
      impersonated: true,
    })
    return { ...credentialsOutput(session), Arn: user.arn }
  }
  throw bad(`PrincipalArn ${arn} is not a role or user of account ${account.id}.`)
}
