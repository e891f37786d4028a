import { resolveAction } from '../../actions/registry.js'
import { ExpectationError } from '../../errors.js'
import { toOutcome } from '../../aws/errors.js'
import type { IdentityDecl } from '../../scenario/types.js'
import { OPERATOR } from '../../scenario/types.js'
import { answerOf } from '../targets/caller.js'
import { type Answer, checkExpectation } from './expectations.js'
import type { Identity } from '../targets/identities.js'
import type { RunEnv } from './run-env.js'
import { clientsOf } from '../targets/targets.js'
import { accountOperatorName } from '../targets/accounts.js'
import { interpolate, templateNames } from '../../scenario/template.js'
import { propagationSignature, withPropagationWaits } from './waits.js'

/**
 * The identity a step acts as. Declared identities (`identities:` block) are assumed on first
 * use, from their `from` identity (default the operator), with the same propagation waits as a
 * step; an identity an earlier step should have made but did not is a clear error.
 */
export async function ensureIdentity(name: string, env: RunEnv, chain: string[] = []): Promise<Identity> {
  const known = env.identities.get(name)
  if (known) return known
  const decl = env.identities.pendingDeclaration(name)
  if (!decl) {
    const maker = env.scenario.steps.find((s) => s.identity === name)
    // An earlier step failed: this one cannot act, and fails too (exit 1), as for a missing capture.
    if (maker) throw new ExpectationError('identity-not-made', `identity ${name} does not exist: step ${maker.id}, which makes it, did not succeed`)
    // Invariant: validation refuses a name no step or declaration makes ('unknown-identity').
    throw new Error(`internal error: identity ${name} is not defined`)
  }
  // Invariant: validation refuses declarations that assume each other ('identity-cycle').
  if (chain.includes(name)) throw new Error(`internal error: identities ${[...chain, name].join(' -> ')} assume each other in a loop`)
  // A capture the declaration needs was not made (its step failed): this step fails too (exit 1).
  const missing = env.ctx.missingCaptures(templateNames(decl))
  if (missing.length > 0) throw new ExpectationError('identity-not-made', `identity ${name} cannot be assumed: ${missing.join('; ')}`)
  if (decl.impersonate !== undefined) return impersonateIdentity(name, decl, env)
  const from = await ensureIdentity(decl.from ?? (decl.account !== undefined ? accountOperatorName(decl.account) : OPERATOR), env, [...chain, name])
  const base = ['identities', name]
  const roleArn = interpolate(decl.assume, env.ctx.lookup, { path: [...base, 'assume'], locate: env.scenario.locate, now: env.ctx.now })
  const input: Record<string, unknown> = {
    RoleArn: env.names && typeof roleArn === 'string' ? env.names.text(roleArn) : roleArn,
    RoleSessionName: decl.sessionName !== undefined ? interpolate(decl.sessionName, env.ctx.lookup, { path: [...base, 'sessionName'], locate: env.scenario.locate, now: env.ctx.now }) : `iamflow-${name}`,
    ...(decl.duration !== undefined ? { DurationSeconds: decl.duration } : {}),
    ...(decl.externalId !== undefined ? { ExternalId: interpolate(decl.externalId, env.ctx.lookup, { path: [...base, 'externalId'], locate: env.scenario.locate, now: env.ctx.now }) } : {}),
  }
  const action = resolveAction('sts.assumeRole')
  if (!action?.identity) throw new Error('internal error: the registry has no sts.assumeRole with credentials')
  const clients = clientsOf(env.target, from)
  const expect = { output: {} }
  const { result } = await withPropagationWaits<Answer>(
    () => answerOf(action, { clients, signal: env.signal }, input),
    {
      windowMs: env.target.defaultWindowMs,
      signal: env.signal,
      retryReason: (a) =>
        checkExpectation(expect, a).ok ? undefined : propagationSignature({ action, expect, answer: a, changes: env.changes, credentialsIssuedAt: from.issuedAt, now: Date.now(), windowMs: env.target.defaultWindowMs }),
      onWait: (w) => env.emit({ type: 'step:wait', runId: env.runId, stepId: `identity ${name}`, ...w }),
    },
  )
  // AWS answered (a network failure throws InfraFailure instead): the lab's declaration does not hold.
  if (result.kind === 'error') throw new ExpectationError('identity-refused', `could not assume identity ${name} (${String(input.RoleArn)}) as ${from.name}: ${result.code}: ${env.scrubber.text(result.message)}`)
  env.scrubber.collect(result.output)
  const made = env.identities.define(name, action.identity(result.output, input), 'identities')
  for (const s of env.identities.secrets()) env.scrubber.add(s)
  return made
}

/** The identity's principal ARN, looked up once with GetCallerIdentity when not known (best effort). */
export async function principalArnOf(identity: Identity, env: RunEnv): Promise<string | undefined> {
  if (identity.arn) return identity.arn
  const action = resolveAction('sts.getCallerIdentity')
  if (!action) return undefined
  try {
    const out = (await action.run({ clients: clientsOf(env.target, identity), signal: env.signal }, {})) as { Arn?: string }
    identity.arn = out.Arn
    return out.Arn
  } catch {
    return undefined
  }
}

/**
 * `impersonate: ARN` (emulator only): the default account's operator asks the emulator for a
 * session of an existing role or user (`IamflowImpersonate`, iamflow's own STS operation), no
 * credentials and no trust policy needed. Real AWS never gets here: `requires: emulator` is
 * refused there before any call.
 */
async function impersonateIdentity(name: string, decl: IdentityDecl, env: RunEnv): Promise<Identity> {
  const base = ['identities', name]
  const at = { locate: env.scenario.locate, now: env.ctx.now }
  const arn = String(interpolate(decl.impersonate, env.ctx.lookup, { path: [...base, 'impersonate'], ...at }))
  const params: Record<string, string> = { PrincipalArn: arn, SessionName: decl.sessionName !== undefined ? String(interpolate(decl.sessionName, env.ctx.lookup, { path: [...base, 'sessionName'], ...at })) : `iamflow-${name}` }
  if (decl.duration !== undefined) params.DurationSeconds = String(interpolate(decl.duration, env.ctx.lookup, { path: [...base, 'duration'], ...at }))
  if (env.target.info.kind === 'aws') throw new ExpectationError('identity-refused', `identity ${name} impersonates ${arn}: only the iamflow emulator can do that`)
  const clients = clientsOf(env.target, env.identities.operator)
  let out: Record<string, string>
  try {
    if (!clients.iamflow) throw new Error('no iamflow client')
    out = await clients.iamflow.call('IamflowImpersonate', params, env.signal)
  } catch (err) {
    const o = toOutcome(err)
    throw new ExpectationError('identity-refused', `could not impersonate ${arn} as identity ${name}: ${o.code}: ${env.scrubber.text(o.message)}`)
  }
  if (!out.AccessKeyId || !out.SecretAccessKey || !out.SessionToken) throw new ExpectationError('identity-refused', `the emulator answered no credentials for identity ${name} (${arn})`)
  const made = env.identities.define(name, { accessKeyId: out.AccessKeyId, secretAccessKey: out.SecretAccessKey, sessionToken: out.SessionToken, ...(out.Arn ? { arn: out.Arn } : {}) }, 'identities')
  for (const s of env.identities.secrets()) env.scrubber.add(s)
  return made
}
