import { ownGet } from '../../../safe-object.js'
import { addAccount, rootCredentials } from '../../state/accounts.js'
import type { AccountState } from '../../state/model.js'
import { AwsServiceError, type Operation } from '../types.js'
import { scalarOf } from '../validation-message.js'

/**
 * `IamflowAccountOperator`: iamflow's own operation (not AWS's), the hand-over of a scenario's
 * named accounts (`accounts:`) on `iamflow serve`. An account's root user asks for the operator
 * of its account named `AccountName`: the emulator creates that account the first time (with
 * `AccountId` when given, else a random id) and answers its root access key, now and on every
 * later call with the same name (so `iamflow cleanup` gets the same operator back). Names are the
 * calling account's own: another account's root gets another account for the same name. Only a
 * root user may ask (an access key of an IAM user or a session is refused), each account names
 * at most MAX_NAMED_ACCOUNTS others, and a named account names none (so their number stays bounded).
 */

/** Most named accounts one account may own (a scenario declares at most 10). */
export const MAX_NAMED_ACCOUNTS = 10

const NAME_RE = /^[a-z][a-z0-9-]{0,31}$/
const ID_RE = /^\d{12}$/

const bad = (message: string) => new AwsServiceError('InvalidParameterValue', 400, message)

export const accountOperator: Operation<Record<string, unknown>> = async (ctx, raw) => {
  const caller = ctx.caller
  if (caller.kind !== 'root') {
    throw new AwsServiceError('AccessDenied', 403, `User: ${caller.principal.arn} is not authorized to perform: IamflowAccountOperator: only an account's root user may hand over the operators of its named accounts`)
  }
  // Named accounts name no others: at most MAX_NAMED_ACCOUNTS per account serve was started with.
  if (caller.account.iamflowOwner !== undefined) {
    throw new AwsServiceError('AccessDenied', 403, `User: ${caller.principal.arn} is not authorized to perform: IamflowAccountOperator: account ${caller.account.id} is itself a named account and cannot name others`)
  }
  const name = scalarOf(ownGet(raw, 'AccountName'))
  if (name === undefined || !NAME_RE.test(name)) throw bad('AccountName must be a lower-case letter followed by up to 31 lower-case letters, digits or -.')
  const wantedId = scalarOf(ownGet(raw, 'AccountId'))
  if (wantedId !== undefined && !ID_RE.test(wantedId)) throw bad('AccountId must be 12 digits.')
  const owner = caller.account.id
  let account: AccountState | undefined
  let owned = 0
  for (const a of ctx.state.accounts.values()) {
    if (a.iamflowOwner !== owner) continue
    owned++
    if (a.iamflowName === name) account = a
  }
  if (account) {
    if (wantedId !== undefined && wantedId !== account.id) throw bad(`Account ${name} of ${owner} is ${account.id}, not ${wantedId}.`)
  } else {
    if (owned >= MAX_NAMED_ACCOUNTS) throw new AwsServiceError('LimitExceeded', 409, `Account ${owner} already names ${MAX_NAMED_ACCOUNTS} accounts, the most it may.`)
    if (wantedId !== undefined && ctx.state.accounts.has(wantedId)) throw bad(`Account ${wantedId} already exists and is not ${owner}'s account ${name}.`)
    const made = addAccount(ctx.state, { ...(wantedId !== undefined ? { accountId: wantedId } : {}), now: ctx.now })
    account = ctx.state.accounts.get(made.accountId)!
    account.iamflowOwner = owner
    account.iamflowName = name
    // The account's own fields changed: a keyed store lets the journal record them.
    ctx.state.accounts.set(account.id, account)
  }
  const root = rootCredentials(ctx.state).find((c) => c.accountId === account.id)
  if (!root) throw new AwsServiceError('InvalidClientTokenId', 403, `Account ${account.id} has no active root access key.`)
  return { AccountId: root.accountId, AccessKeyId: root.accessKeyId, SecretAccessKey: root.secretAccessKey }
}
