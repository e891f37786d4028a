import { accountIdName, identityField } from '../../scenario/names.js'
import type { Scenario } from '../../scenario/types.js'
import { resolveVars } from '../../scenario/vars.js'
import type { IdentityBook } from '../targets/identities.js'
import type { Lookup } from '../../scenario/template.js'

const NO_ENV: Readonly<Record<string, string>> = Object.freeze(Object.create(null) as Record<string, string>)

/**
 * The values a run's templates see: vars (after `--var`, their own templates resolved with the
 * real run id and account), captures made so far, `run.id`, `account.id`, declared `env.NAME` and
 * `<identity>.arn` / `<identity>.accessKeyId` (never a secret). A capture whose step has not produced it is "not found", so
 * interpolation fails with the name; the runner explains why first (see `missingCaptures`).
 */
export class RunContext {
  readonly captures = new Map<string, unknown>()
  /** capture name -> id of the step declaring it. */
  private readonly producers = new Map<string, string>()
  /** step id -> why it produced no captures (failed, errored, skipped). */
  private readonly unproduced = new Map<string, string>()

  /** Vars with overrides applied and templates resolved. */
  readonly vars: Record<string, unknown>

  /**
   * @param overrides typed `--var` overrides (see `parseVarOverrides`)
   */
  constructor(
    readonly scenario: Scenario,
    overrides: Record<string, unknown>,
    readonly runId: string,
    readonly accountId: string,
    private readonly identities?: IdentityBook,
    /** What `env.NAME` reads: the scenario's declared variables only (see `runEnvValues`), never the whole process environment. */
    private readonly env: Readonly<Record<string, string | undefined>> = NO_ENV,
    /** The run's clock for `totp()` templates: the embedded emulator's, or the system's. */
    readonly now: () => number = Date.now,
    /** Named accounts' ids (`accounts.NAME.id`). */
    private readonly accountIds: ReadonlyMap<string, string> = new Map(),
  ) {
    this.vars = resolveVars({ ...scenario.vars, ...overrides }, (name) => this.builtin(name))
    for (const step of scenario.steps) for (const name of Object.keys(step.capture)) if (!this.producers.has(name)) this.producers.set(name, step.id)
  }

  /** The lookup for `interpolate`. */
  readonly lookup: Lookup = (name) => {
    if (this.captures.has(name)) return { found: true, value: this.captures.get(name) }
    if (Object.prototype.hasOwnProperty.call(this.vars, name)) return { found: true, value: this.vars[name] }
    const field = identityField(name)
    if (field) {
      const identity = this.identities?.get(field.identity)
      const value = field.field === 'arn' ? identity?.arn : identity?.handle?.accessKeyId
      return value === undefined ? { found: false } : { found: true, value }
    }
    return this.builtin(name)
  }

  private builtin(name: string): ReturnType<Lookup> {
    if (name === 'run.id') return { found: true, value: this.runId }
    if (name === 'account.id') return { found: true, value: this.accountId }
    const account = accountIdName(name)
    if (account !== undefined) {
      const id = this.accountIds.get(account)
      return id === undefined ? { found: false } : { found: true, value: id }
    }
    if (name.startsWith('env.')) {
      const key = name.slice(4)
      const value = Object.prototype.hasOwnProperty.call(this.env, key) ? this.env[key] : undefined
      return value === undefined ? { found: false } : { found: true, value }
    }
    return { found: false }
  }

  /** Store a capture. */
  capture(name: string, value: unknown): void {
    this.captures.set(name, value)
  }

  /** Note that a step ended without its captures (so later references can say why). */
  markUnproduced(stepId: string, why: string): void {
    this.unproduced.set(stepId, why)
  }

  /**
   * For template names that are captures without a value yet: a message per name saying which
   * step should have produced it and what happened to that step.
   */
  missingCaptures(names: readonly string[]): string[] {
    const out: string[] = []
    for (const name of names) {
      if (this.captures.has(name) || Object.prototype.hasOwnProperty.call(this.vars, name)) continue
      const producer = this.producers.get(name)
      if (!producer) continue
      const why = this.unproduced.get(producer)
      out.push(
        why
          ? `\${{ ${name} }} has no value: step ${producer}, which captures it, ${why}`
          : `\${{ ${name} }} has no value: step ${producer}, which captures it, has not run yet`,
      )
    }
    return out
  }
}

