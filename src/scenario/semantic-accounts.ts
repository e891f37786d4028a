import { closestName } from '../actions/suggest.js'
import type { CheckContext } from './check-context.js'
import type { DocPath } from './locator.js'
import type { Scope } from './scope.js'
import { isPlainObject } from './template.js'

/**
 * `accounts:` and every `account: NAME` (steps, declared identities): a name must be declared,
 * `default` is the implicit account's and cannot be declared, and two declared accounts (or a
 * declared one and the top-level `account:`) must not pin the same id: one account under two
 * names would make teardown undo one account's records with the other's operator.
 */
export function checkAccounts(data: Record<string, unknown>, scope: Scope, ctx: CheckContext): void {
  const accounts = isPlainObject(data.accounts) ? data.accounts : {}
  const ids = new Map<string, string>()
  if (typeof data.account === 'string') ids.set(data.account, 'the default account (account:)')
  for (const [name, decl] of Object.entries(accounts)) {
    if (name === 'default') {
      ctx.diag.add('reserved-name', '"default" names the implicit account and cannot be declared', ctx.locator.locate(['accounts', name], { key: true }), 'pick another name (trusted, dev, prod, ...); the default account needs no declaration')
      continue
    }
    scope.addAccount(name)
    if (!isPlainObject(decl) || typeof decl.id !== 'string') continue
    const other = ids.get(decl.id)
    if (other) ctx.diag.add('accounts-not-distinct', `account ${name} pins id ${decl.id}, which is already ${other}'s`, ctx.locator.locate(['accounts', name, 'id']), 'each account in a scenario must be a different AWS account')
    else ids.set(decl.id, `account ${name}`)
  }
}

/** `account: NAME` at `path` must name a declared account. */
export function checkAccountRef(value: unknown, path: DocPath, scope: Scope, ctx: CheckContext): void {
  if (typeof value !== 'string' || scope.hasAccount(value)) return
  const guess = closestName(value, scope.accountNames())
  const declared = scope.accountNames()
  ctx.diag.add(
    'unknown-account',
    `account "${value}" is not declared${guess ? `: did you mean ${guess}?` : ''}`,
    ctx.locator.locate(path),
    declared.length > 0 ? `declared accounts: ${declared.join(', ')} (omit account: for the default account)` : `declare it at the top level: accounts: { ${value}: {} } (omit account: for the default account)`,
  )
}
