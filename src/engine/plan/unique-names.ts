import { createHash } from 'node:crypto'
import { maxNameLength, type NameKind } from '../../actions/name-members.js'
import { InputError } from '../../errors.js'
import type { Scenario } from '../../scenario/types.js'
import type { PlannedName, PlannedStep, UniqueNames, UnrenamedName } from './plan-types.js'
import { Renamer } from './rename.js'

/** Characters of the run-scoped suffix (base 36: lowercase letters and digits, valid in every name, buckets included). */
export const SUFFIX_LENGTH = 6

/** What the plan shows for the suffix when it has no run id (`export`, a plan built without one). */
export const SUFFIX_PLACEHOLDER = '<suffix>'

/** Whether a run of `scenario` uses run-scoped names: `uniqueNames: false` in the file wins, then the flag (`--unique-names`, `--no-unique-names`), then the file's `true`. */
export function uniqueNamesWanted(scenario: Scenario, flag: boolean | undefined): boolean {
  if (scenario.uniqueNames === false) return false
  return flag ?? scenario.uniqueNames ?? false
}

/** The run-scoped suffix of a run id: the first `SUFFIX_LENGTH` base-36 digits of its SHA-256 (runs of one millisecond differ too). */
export function nameSuffix(runId: string): string {
  const digest = createHash('sha256').update(runId).digest()
  let n = digest.readBigUInt64BE(0)
  let out = ''
  for (let i = 0; i < SUFFIX_LENGTH; i++) {
    out += Number(n % 36n).toString(36)
    n /= 36n
  }
  return out
}

/** `demo-user` -> `demo-user-k3f9a2`; an OIDC provider gets a path segment (`host/path/k3f9a2`), keeping its host. */
export function runScopedName(kind: NameKind, name: string, suffix: string): string {
  return kind === 'oidc-provider' ? `${name}/${suffix}` : `${name}-${suffix}`
}

/** The same names with the suffix of `runId` (what a run uses; equal to the plan's when the plan was made with that run id). */
export function namesForRun(unique: UniqueNames, runId: string): Renamer {
  const suffix = nameSuffix(runId)
  return new Renamer(unique.names.map((n) => ({ kind: n.kind, name: n.name, renamed: runScopedName(n.kind, n.name, suffix) })))
}

/**
 * The names a run creates, from the planned steps' previewed inputs: the `createsName` member of
 * every checked create-like action (also of steps expecting an error: that name is the run's,
 * and another run must not make it exist). A name over AWS's limit once suffixed is refused here,
 * before anything runs, at the member that names it.
 */
export function collectNames(scenario: Scenario, steps: readonly PlannedStep[], runId: string | undefined): UniqueNames {
  const suffix = runId === undefined ? SUFFIX_PLACEHOLDER : nameSuffix(runId)
  const names: PlannedName[] = []
  const unrenamed: UnrenamedName[] = []
  const seen = new Set<string>()
  for (const planned of steps) {
    const created = planned.action.createsName
    const input = planned.previewInput
    if (!created || input === null || typeof input !== 'object' || !Object.hasOwn(input, created.member)) continue
    const raw = (input as Record<string, unknown>)[created.member]
    if (typeof raw !== 'string') continue
    const name = created.kind === 'oidc-provider' ? raw.replace(/^https:\/\//i, '').replace(/\/+$/, '') : raw
    if (name.includes('<')) {
      unrenamed.push({ stepId: planned.step.id, kind: created.kind, shown: raw, why: name.includes('<run.id>') ? 'run-scoped' : 'run-time' })
      continue
    }
    const key = `${created.kind}\n${name}`
    if (seen.has(key)) continue
    seen.add(key)
    const renamed = runScopedName(created.kind, name, suffix.length === SUFFIX_LENGTH ? suffix : 'x'.repeat(SUFFIX_LENGTH))
    const max = maxNameLength(planned.action, created)
    const length = created.kind === 'oidc-provider' ? `https://${renamed}`.length : renamed.length
    if (max !== undefined && length > max) {
      throw new InputError('unique-name-too-long', `${created.kind} name ${name} would be ${length} characters with the run-scoped suffix (${SUFFIX_LENGTH + 1} more), over AWS's limit of ${max}`, {
        location: scenario.locate(['steps', planned.step.index, 'input', created.member]),
        hint: `shorten it to at most ${max - (length - name.length - (created.kind === 'oidc-provider' ? 'https://'.length : 0))} characters, or run this scenario without run-scoped names (uniqueNames: false)`,
      })
    }
    names.push({ kind: created.kind, name, renamed: runScopedName(created.kind, name, suffix), stepId: planned.step.id })
  }
  return { ...(runId !== undefined ? { runId } : {}), suffix, names, unrenamed }
}
