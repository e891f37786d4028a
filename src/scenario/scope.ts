import { closestName } from '../actions/suggest.js'
import { OPERATOR } from './types.js'
import { accountIdName, BUILTIN_NAMES, identityField, IDENTITY_FIELDS, isBuiltinName } from './names.js'

/** Where a name comes from. */
export interface NameDef {
  kind: 'var' | 'capture' | 'identity'
  /** Index of the defining step (-1 for vars and declared identities). */
  index: number
  stepId?: string
}

/**
 * The names a scenario defines, with where each is defined, so a template or `as:` at step N can
 * be checked ("defined by an earlier step") and an undefined name explained.
 */
export class Scope {
  private readonly vars = new Set<string>()
  private readonly captures = new Map<string, NameDef>()
  private readonly stepIdentities = new Map<string, NameDef>()
  private readonly declared = new Set<string>()
  private readonly accounts = new Set<string>()

  addAccount(name: string): void {
    this.accounts.add(name)
  }
  hasAccount(name: string): boolean {
    return this.accounts.has(name)
  }
  /** Declared account names (for "did you mean"). */
  accountNames(): string[] {
    return [...this.accounts]
  }

  addVar(name: string): void {
    this.vars.add(name)
  }
  addCapture(name: string, index: number, stepId: string): void {
    if (!this.captures.has(name)) this.captures.set(name, { kind: 'capture', index, stepId })
  }
  addStepIdentity(name: string, index: number, stepId: string): void {
    if (!this.stepIdentities.has(name)) this.stepIdentities.set(name, { kind: 'identity', index, stepId })
  }
  addDeclaredIdentity(name: string): void {
    this.declared.add(name)
  }

  /** Where `name` (a var, capture or identity) is first defined, if anywhere. */
  definition(name: string): NameDef | undefined {
    if (this.vars.has(name)) return { kind: 'var', index: -1 }
    if (this.declared.has(name) || name === OPERATOR) return { kind: 'identity', index: -1 }
    return this.captures.get(name) ?? this.stepIdentities.get(name)
  }

  isDeclaredIdentity(name: string): boolean {
    return this.declared.has(name)
  }

  /** Whether identity `name` exists for a step at `index` (operator, declared, or an earlier step's). */
  identityAvailable(name: string, index: number): boolean {
    if (name === OPERATOR || this.declared.has(name)) return true
    const def = this.stepIdentities.get(name)
    return def !== undefined && def.index < index
  }

  /**
   * Whether template `name` is defined for a step at `index`; `ownCaptures` admits the step's
   * own captures (undo runs after the step).
   */
  isDefined(name: string, index: number, ownCaptures = false): boolean {
    const account = accountIdName(name)
    if (account !== undefined) return this.accounts.has(account)
    if (isBuiltinName(name) || this.vars.has(name)) return true
    const capture = this.captures.get(name)
    if (capture && (capture.index < index || (ownCaptures && capture.index === index))) return true
    const field = identityField(name)
    return field !== undefined && this.identityAvailable(field.identity, index)
  }

  /** Every name usable at `index`, for "did you mean". */
  namesAt(index: number): string[] {
    const names = [...this.vars, ...BUILTIN_NAMES, ...[...this.accounts].map((a) => `accounts.${a}.id`)]
    for (const [name, def] of this.captures) if (def.index < index) names.push(name)
    const identities = [OPERATOR, ...this.declared, ...[...this.stepIdentities].filter(([, d]) => d.index < index).map(([n]) => n)]
    for (const id of identities) for (const field of IDENTITY_FIELDS) names.push(`${id}.${field}`)
    return names
  }

  /** Message and hint for an undefined template name used at step `index`. */
  explainUndefined(name: string, index: number): { message: string; hint: string } {
    const message = `\${{ ${name} }} is not defined`
    const later = this.captures.get(name)
    if (later && later.index >= index) {
      return {
        message: `${message} yet: it is captured by step ${later.stepId}, which runs ${later.index === index ? 'as this step' : 'later'}`,
        hint: later.index === index ? "a step's own captures are only usable in its undo:" : `move this step after step ${later.stepId}, or capture the value earlier`,
      }
    }
    if (this.definition(name)?.kind === 'identity' || this.stepIdentities.has(name)) {
      return { message: `${message}: ${name} is an identity`, hint: `use \${{ ${name}.arn }} for its principal ARN, or \${{ ${name}.accessKeyId }}` }
    }
    const field = identityField(name)
    if (field && this.stepIdentities.has(field.identity)) {
      const def = this.stepIdentities.get(field.identity) as NameDef
      return { message: `${message} yet: identity ${field.identity} is created by step ${def.stepId}, which runs later`, hint: `move this step after step ${def.stepId}` }
    }
    if (name.startsWith('accounts.')) {
      const declared = [...this.accounts].map((a) => `accounts.${a}.id`)
      const guess = closestName(name, declared)
      return {
        message: guess ? `${message}: did you mean ${guess}?` : message,
        hint: declared.length > 0 ? `the declared accounts' ids are ${declared.join(', ')}` : 'declare the account under accounts: first (accounts: { dev: {} }), then use ${{ accounts.dev.id }}',
      }
    }
    if (name.startsWith('run.') || name.startsWith('account.')) {
      return { message, hint: 'the built-in names are run.id, account.id, accounts.NAME.id and env.NAME' }
    }
    const guess = closestName(name, this.namesAt(index))
    return {
      message: guess ? `${message}: did you mean ${guess}?` : message,
      hint: 'define it under vars:, capture it in an earlier step (capture: { name: Output.Path }), or use run.id, account.id or env.NAME',
    }
  }
}
