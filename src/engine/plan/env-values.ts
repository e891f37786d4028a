import { InputError } from '../../errors.js'
import { declaredEnvValues, type EnvDecl } from '../../scenario/env-vars.js'
import type { Scenario } from '../../scenario/types.js'
import type { SecretScrubber } from '../redact.js'

/** The process environment, or a test's stand-in. */
export type EnvSource = Readonly<Record<string, string | undefined>>

/**
 * Before a scenario runs: every variable it declares without a default must be set (exit 2,
 * before any call, naming them all).
 */
export function checkEnvSet(scenario: Scenario, env: EnvSource): void {
  const { missing } = declaredEnvValues(scenario.env, env)
  if (missing.length > 0) throw missingEnvError(scenario, missing)
}

/**
 * The values a run's `${{ env.NAME }}` templates see (declared variables only, defaults
 * applied). A value holding a secret the run knows (the operator's secret key or session token,
 * registered with `scrubber` first) is refused whatever the variable is called: a copy of the
 * secret under an innocent name must not reach a tag on AWS either.
 */
export function runEnvValues(scenario: Scenario, env: EnvSource, scrubber: SecretScrubber): Record<string, string> {
  const { values, missing } = declaredEnvValues(scenario.env, env)
  if (missing.length > 0) throw missingEnvError(scenario, missing)
  for (const decl of scenario.env) {
    const value = Object.prototype.hasOwnProperty.call(values, decl.name) ? values[decl.name] : undefined
    if (value === undefined || scrubber.text(value) === value) continue
    throw new InputError('secret-in-env', `the environment variable ${decl.name} holds the operator's secret key or session token: refusing to run ${scenario.name}`, {
      location: decl.loc,
      frame: scenario.codeFrame?.(decl.loc) || undefined,
      hint: `a scenario may not read credentials under any name: unset ${decl.name} or give it another value`,
    })
  }
  return values
}

function missingEnvError(scenario: Scenario, missing: readonly EnvDecl[]): InputError {
  const names = missing.map((d) => d.name)
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
  return new InputError('env-not-set', `${scenario.name} reads ${list} from the environment, but ${names.length === 1 ? 'it is' : 'they are'} not set`, {
    location: missing[0].loc,
    frame: scenario.codeFrame?.(missing[0].loc) || undefined,
    hint: `set ${names.length === 1 ? 'it' : 'them'} (e.g. ${names[0]}=... iamflow run ...), or give ${names.length === 1 ? 'it' : 'each'} a default under env:`,
  })
}

/**
 * `--var` values are the operator's, but a downloaded lab's instructions could still ask for
 * `--var note=$AWS_SECRET_ACCESS_KEY`: an override holding a secret the run knows is refused
 * like an environment value, before anything is sent.
 */
export function refuseSecretOverrides(overrides: Readonly<Record<string, unknown>>, scrubber: SecretScrubber): void {
  for (const [name, value] of Object.entries(overrides)) {
    const text = typeof value === 'string' ? value : JSON.stringify(value) ?? ''
    if (scrubber.text(text) === text) continue
    throw new InputError('secret-in-var', `--var ${name} holds the operator's secret key or session token: refusing to run`, {
      hint: 'a scenario may not receive credentials: give the var another value',
    })
  }
}
