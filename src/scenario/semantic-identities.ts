import { isPlainObject, templateRefs, TemplateError } from './template.js'
import type { Scope } from './scope.js'
import type { CheckContext } from './check-context.js'
import { OPERATOR } from './types.js'
import { hasOwnKey, ownGet } from '../safe-object.js'

/** Template-bearing members of a declared identity. */
const TEMPLATED = ['assume', 'impersonate', 'sessionName', 'externalId', 'duration'] as const

/**
 * Checks of the `identities:` block on its own: `from` names an identity that exists somewhere,
 * chains have no cycle, and templates are well-formed.
 */
export function checkIdentities(identities: Record<string, unknown>, scope: Scope, ctx: CheckContext): void {
  for (const [name, decl] of Object.entries(identities)) {
    if (!isPlainObject(decl)) continue
    for (const key of TEMPLATED) {
      try {
        templateRefs(decl[key])
      } catch (err) {
        if (!(err instanceof TemplateError)) throw err
        ctx.diag.add(err.code, err.message, ctx.locator.locateText(['identities', name, key], /\$\{\{/), err.hint ?? '')
      }
    }
    const from = decl.from
    if (typeof from !== 'string') continue
    if (from === name) {
      ctx.diag.add('identity-cycle', `identity "${name}" cannot assume a role from itself`, ctx.locator.locate(['identities', name, 'from']), `use from: ${OPERATOR} or another identity`)
    } else if (from !== OPERATOR && !scope.isDeclaredIdentity(from) && scope.definition(from)?.kind !== 'identity') {
      ctx.diag.add('unknown-identity', `identity "${from}" is not defined`, ctx.locator.locate(['identities', name, 'from']), `from: names ${OPERATOR}, an identity created by a step (identity:), or another declared identity`)
    } else if (cycleFrom(name, identities)) {
      ctx.diag.add('identity-cycle', `identities form a cycle: ${cycleFrom(name, identities)}`, ctx.locator.locate(['identities', name, 'from']), 'a role chain must start from the operator or from a step identity')
    }
  }
}

/**
 * At the first step acting as declared identity `name`, everything its assumption needs (the
 * role ARN's captures, the `from` identity) must already be defined.
 */
export function checkIdentityUse(
  name: string,
  index: number,
  stepId: string,
  identities: Record<string, unknown>,
  scope: Scope,
  firstUse: Set<string>,
  ctx: CheckContext,
): void {
  if (firstUse.has(name)) return
  firstUse.add(name)
  const decl = ownGet(identities, name)
  if (!isPlainObject(decl)) return
  for (const key of TEMPLATED) {
    let refs: Array<{ name: string; path: Array<string | number> }>
    try {
      refs = templateRefs(decl[key], ['identities', name, key])
    } catch {
      continue // reported by checkIdentities
    }
    for (const ref of refs) {
      if (scope.isDefined(ref.name, index)) continue
      const { message } = scope.explainUndefined(ref.name, index)
      ctx.diag.add(
        'unknown-name',
        `${message} when step ${stepId} first acts as ${name}`,
        ctx.locator.locateText(ref.path, /\$\{\{/),
        `identity ${name} is assumed when a step first acts as it: define this name before step ${stepId}`,
      )
    }
  }
  const from = decl.from
  if (typeof from !== 'string' || from === name) return
  if (scope.isDeclaredIdentity(from)) checkIdentityUse(from, index, stepId, identities, scope, firstUse, ctx)
  else if (from !== OPERATOR && scope.definition(from)?.kind === 'identity' && !scope.identityAvailable(from, index)) {
    ctx.diag.add(
      'unknown-identity',
      `identity "${from}" does not exist yet when step ${stepId} first acts as ${name}`,
      ctx.locator.locate(['identities', name, 'from']),
      `create ${from} (identity: ${from}) in a step before step ${stepId}`,
    )
  }
}

/** The cycle through `start`'s `from` chain, as "a -> b -> a", or undefined. */
function cycleFrom(start: string, identities: Record<string, unknown>): string | undefined {
  const chain = [start]
  let current = start
  for (let hops = 0; hops < 100; hops++) {
    const decl = ownGet(identities, current)
    const from = isPlainObject(decl) && typeof decl.from === 'string' ? decl.from : undefined
    if (!from || !hasOwnKey(identities, from)) return undefined
    chain.push(from)
    if (from === start) return chain.join(' -> ')
    if (chain.indexOf(from) !== chain.length - 1) return undefined // a cycle not through start
    current = from
  }
  return undefined
}
