import { validatePolicy } from '../../../../policy/index.js'
import { authorize } from '../access.js'
import { defineOps } from '../define-ops.js'
import { iamErrors } from '../errors.js'
import { accountOf } from '../store.js'
import { holderSources, resolveHolder } from './sources.js'

/**
 * GetContextKeysForCustomPolicy and GetContextKeysForPrincipalPolicy: the condition keys the
 * policies test, and the keys of policy variables (`${aws:username}`) they use, each once
 * (case-insensitively, first spelling kept), in the order they first appear.
 */

const VARIABLE = /\$\{([^}]+)\}/g

function keysOf(texts: string[]): string[] {
  const seen = new Map<string, string>()
  const add = (k: string) => {
    const lower = k.toLowerCase()
    if (!seen.has(lower)) seen.set(lower, k)
  }
  const variables = (values: string[] | undefined) => {
    for (const v of values ?? []) for (const m of v.matchAll(VARIABLE)) add(m[1]!.split(',')[0]!.trim())
  }
  for (const text of texts) {
    const result = validatePolicy(text, 'identity')
    if (!result.ok) throw iamErrors.invalidInput(result.error.message)
    for (const st of result.policy.statements) {
      variables(st.resource)
      variables(st.notResource)
      for (const block of Object.values(st.condition ?? {})) {
        for (const [k, values] of Object.entries(block)) {
          add(k)
          variables(values)
        }
      }
    }
  }
  return [...seen.values()]
}

export const contextKeyOperations = defineOps({
  GetContextKeysForCustomPolicy(ctx, input) {
    authorize(ctx, 'GetContextKeysForCustomPolicy', '*')
    return { ContextKeyNames: keysOf(input.PolicyInputList) }
  },

  GetContextKeysForPrincipalPolicy(ctx, input) {
    authorize(ctx, 'GetContextKeysForPrincipalPolicy', input.PolicySourceArn)
    const account = accountOf(ctx)
    const holder = resolveHolder(account, input.PolicySourceArn)
    const stored = holderSources(ctx.state, account, holder).identity.map((s) => s.text).filter((t) => t !== '')
    return { ContextKeyNames: keysOf([...stored, ...(input.PolicyInputList ?? [])]) }
  },
})
