/**
 * A state path the emulator cannot use: unreadable, not a state file, damaged, of an unknown
 * version, or a place it cannot write. `message` names the file and says what is wrong;
 * `hint` says what to do. The CLI reports it as bad input (exit 2), never as an internal error.
 */
export type StateFileCode = 'STATE_UNREADABLE' | 'STATE_NOT_A_FILE' | 'STATE_CORRUPT' | 'STATE_VERSION' | 'STATE_UNWRITABLE'

export class StateFileError extends Error {
  constructor(
    /** Stable code (in the CLI's error catalogue, src/errors.ts). */
    readonly code: StateFileCode,
    /** The file (or directory) at fault. */
    readonly path: string,
    message: string,
    readonly hint?: string,
  ) {
    super(message)
    this.name = 'StateFileError'
  }
}

/** A save that did not happen: `message` names the path and the reason. */
export class StateSaveError extends Error {
  constructor(
    readonly path: string,
    message: string,
    /** True when acknowledged changes exist only in memory (the journal could not take them either). */
    readonly changesAtRisk: boolean,
  ) {
    super(message)
    this.name = 'StateSaveError'
  }
}

/** An errno error's short reason (`EACCES: permission denied`), without the path Node appends. */
export function reason(err: unknown): string {
  const e = err as NodeJS.ErrnoException
  if (e && typeof e.code === 'string' && typeof e.message === 'string') {
    const m = /^([A-Z0-9]+): ([^,]+)/.exec(e.message)
    return m ? `${m[1]}: ${m[2]}` : e.message
  }
  return err instanceof Error ? err.message : String(err)
}
