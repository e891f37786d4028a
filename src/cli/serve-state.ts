import { InputError } from '../errors.js'
import type { Emulator, LoadSummary, SaveSummary, SyncPolicy } from '../emulator/index.js'
import { StateFileError, StateSaveError } from '../emulator/state/state-error.js'
import { parseSyncPolicy } from '../emulator/state/sync-policy.js'

/** `--state-sync` as a policy (InputError for a bad value). */
export function stateSyncFlag(value: string | undefined): SyncPolicy | undefined {
  if (value === undefined) return undefined
  try {
    return parseSyncPolicy(value)
  } catch (err) {
    throw new InputError('SERVE_BAD_STATE_SYNC', `--state-sync: ${(err as Error).message}`)
  }
}

/** Run `open`; a state path that cannot be used becomes bad input (exit 2) naming the path. */
export function withStateErrors<T>(open: () => T): T {
  try {
    return open()
  } catch (err) {
    if (err instanceof StateFileError) throw new InputError(err.code, err.message, { ...(err.hint ? { hint: err.hint } : {}) })
    throw err
  }
}

const plural = (n: number, word: string, many = `${word}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`
}

/** One line saying what was loaded from `--state` at start. */
export function describeLoad(info: LoadSummary): string {
  const from =
    info.snapshotVersion === undefined && info.records === 0
      ? 'new state'
      : [
          info.snapshotVersion !== undefined ? `${plural(info.snapshotUnits, 'entity', 'entities')} from the snapshot${info.snapshotVersion === 1 ? ' (version 1 file: rewritten at the next save)' : ''}` : undefined,
          info.records ? `${plural(info.records, 'journal record')} replayed` : undefined,
        ]
          .filter(Boolean)
          .join(', ')
  return `state ${info.path}: ${from}; sync ${info.sync}`
}

/** What a save wrote, in one line. */
export function describeSave(s: SaveSummary): string {
  const c = s.counts
  const parts = [
    plural(c.account, 'account'),
    plural(c.user, 'user'),
    plural(c.role, 'role'),
    plural(c.group, 'group'),
    plural(c.policy, 'policy', 'policies'),
    plural(c.accessKey, 'access key'),
    plural(c.session, 'session'),
    plural(c.bucket, 'bucket'),
    `${plural(c.object, 'object')}${c.object ? ` (${size(s.bodyBytes)} of bodies in ${s.path}.objects)` : ''}`,
  ]
  const recovered = s.recovered ? `; it includes ${plural(s.recovered, 'write')} answered with an error while the state could not be saved` : ''
  return `state saved to ${s.path}: ${parts.join(', ')}; snapshot ${size(s.bytes)} in ${Math.round(s.ms)} ms${recovered}`
}

/**
 * Save at shutdown and say what really happened: the summary on `out`, or the failure on
 * `err`. Returns the exit code (0, or 3 when the state was not saved).
 */
export async function saveAtShutdown(emulator: Emulator, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  try {
    const summary = await emulator.save()
    if (summary) out.write(`${describeSave(summary)}\n`)
    return 0
  } catch (e) {
    // StateSaveError names the path and says whether the journal still holds every answered write.
    const message = e instanceof StateSaveError ? e.message : `${emulator.stateInfo?.path ?? 'the state file'}: ${e instanceof Error ? e.message : String(e)}`
    err.write(`error: state NOT saved: ${message}\n`)
    return 3
  }
}
