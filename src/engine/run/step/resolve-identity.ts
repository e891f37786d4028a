import { identityField } from '../../../scenario/names.js'
import { OPERATOR, type Step } from '../../../scenario/types.js'
import { accountOperatorName } from '../../targets/accounts.js'
import type { Identity } from '../../targets/identities.js'
import { ensureIdentity, principalArnOf } from '../identity-assume.js'
import type { RunEnv } from '../run-env.js'

/**
 * Stage "resolve identity": the identity the step acts as, made (assumed) if it is not yet,
 * after the ARN of every identity its templates name (`${{ demo.arn }}`) is known.
 */
export async function resolveIdentity(step: Step, names: readonly string[], env: RunEnv): Promise<Identity> {
  await resolveIdentityArns(names, env)
  // `account: NAME` with no `as:`: that account's operator makes the call.
  return ensureIdentity(step.as === OPERATOR && step.account !== undefined ? accountOperatorName(step.account) : step.as, env)
}

/** `${{ demo.arn }}` needs the identity's ARN: look it up once when its output did not say. */
async function resolveIdentityArns(names: readonly string[], env: RunEnv): Promise<void> {
  for (const name of names) {
    const field = identityField(name)
    if (field?.field !== 'arn') continue
    const identity = await ensureIdentity(field.identity, env)
    if (!identity.arn && !(await principalArnOf(identity, env))) throw new Error(`\${{ ${name} }}: cannot tell the ARN of identity ${field.identity} (GetCallerIdentity failed)`)
  }
}
