import { IamflowError, InputError } from '../../errors.js'
import type { Scenario } from '../../scenario/types.js'
import { matchesFilter } from './scenario-files.js'

/** What choosing the scenarios of a suite needs to know about one loaded file. */
export interface LoadedInfo {
  name: string
  file: string
  /** Names of the scenario's own `vars:`. */
  varNames: readonly string[]
}

/** The facts `chooseScenarios` needs about a loaded scenario (plain data: it crosses threads). */
export function loadedInfo(scenario: Scenario): LoadedInfo {
  return { name: scenario.name, file: scenario.file, varNames: Object.keys(scenario.vars) }
}

/** One file's load: its facts, or what the loader threw. */
export type LoadOutcome = { ok: true; info: LoadedInfo } | { ok: false; error: unknown }

/** A file chosen to run: its position in the load list and the `--var` pairs it receives. */
export interface Chosen {
  index: number
  pairs: string[]
}

/**
 * Decide what a suite runs once every file is loaded (in the main thread or in workers):
 * an invalid file stops everything (exit 2) before any call, `--filter` picks by name or
 * file, and each `--var` must be declared by some chosen scenario; with several scenarios an
 * override goes to those that declare it, with one it goes to it as given.
 * Throws the first non-iamflow error (a bug) as is, one invalid file's error as is, several
 * as a `SuiteInvalidError`.
 */
export function chooseScenarios(outcomes: readonly LoadOutcome[], opts: { filter?: string; exclude?: readonly string[]; vars?: string[] }): Chosen[] {
  const problems: IamflowError[] = []
  for (const o of outcomes) {
    if (o.ok) continue
    if (!(o.error instanceof IamflowError)) throw o.error
    problems.push(o.error)
  }
  if (problems.length > 0) throw problems.length === 1 ? problems[0] : new SuiteInvalidError(problems)
  const loaded = outcomes.map((o, index) => ({ index, info: (o as { info: LoadedInfo }).info }))
  const exclude = opts.exclude ?? []
  const chosen = loaded.filter((l) => (!opts.filter || matchesFilter(opts.filter, l.info)) && !exclude.some((x) => matchesFilter(x, l.info)))
  if (chosen.length === 0) {
    const why = [opts.filter ? `--filter ${opts.filter}` : '', ...exclude.map((x) => `--exclude ${x}`)].filter(Boolean).join(' ')
    const message = exclude.length === 0 && opts.filter ? `no scenario matches --filter ${opts.filter}` : why ? `no scenario is left by ${why}` : 'no scenario to run'
    throw new InputError('nothing-to-run', message, { hint: 'check the paths, --filter, --exclude and --shard' })
  }
  const pairs = opts.vars ?? []
  const names = pairs.map((p) => p.slice(0, Math.max(0, p.indexOf('='))))
  if (chosen.length === 1) return [{ index: chosen[0].index, pairs: [...pairs] }]
  for (const [i, name] of names.entries()) {
    // One scenario's parseVarOverrides would say so; with several, a pair without a name would
    // otherwise match no scenario and be dropped silently.
    if (!name) throw new InputError('bad-var', `--var ${pairs[i]} is not name=value`, { hint: 'write --var name=value, e.g. --var user=alice' })
    if (!chosen.some((c) => c.info.varNames.includes(name))) {
      throw new InputError('unknown-var', `--var ${name}: none of the scenarios has a var named ${name}`, { hint: 'check the spelling against the vars: of the scenarios' })
    }
  }
  return chosen.map((c) => ({ index: c.index, pairs: pairs.filter((_, i) => c.info.varNames.includes(names[i])) }))
}

/** Several invalid files: every one is reported, exit 2. */
export class SuiteInvalidError extends InputError {
  constructor(readonly problems: IamflowError[]) {
    super('invalid-scenarios', `${problems.length} scenario files are invalid`)
  }
}
