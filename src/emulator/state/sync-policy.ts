/**
 * When the journal is flushed to the disk (fsync), and so what survives what:
 *
 * - `always` (default): every state-changing request is answered only after its journal record
 *   (and any new object body) is written and fsynced. Requests arriving together share one
 *   fsync (group commit), none waits for a timer. Survives a killed process and a machine crash.
 * - `batch` (`batch=MS`, MS default 10): records are written at once, fsynced at most every MS
 *   milliseconds, and answered after the fsync that covers them: the same guarantee as
 *   `always`, fewer fsyncs under many concurrent writers, up to MS more latency per write.
 * - `none`: records are written (write(2)) before the answer, never fsynced. The data is in the
 *   operating system's page cache, so a killed or crashed iamflow loses nothing it answered; a
 *   machine crash or power loss can lose the last seconds of writes.
 */
export type SyncPolicy = { mode: 'always' } | { mode: 'batch'; windowMs: number } | { mode: 'none' }

export const DEFAULT_SYNC: SyncPolicy = { mode: 'always' }

const MAX_WINDOW_MS = 1000

/** Parse `always`, `batch`, `batch=MS` or `none`; throws a one-line reason otherwise. */
export function parseSyncPolicy(text: string): SyncPolicy {
  const t = text.trim()
  if (t === 'always') return { mode: 'always' }
  if (t === 'none') return { mode: 'none' }
  const m = /^batch(?:=(\d+))?$/.exec(t)
  if (m) {
    const windowMs = m[1] === undefined ? 10 : Number(m[1])
    if (windowMs < 1 || windowMs > MAX_WINDOW_MS) throw new Error(`batch window must be 1..${MAX_WINDOW_MS} ms, got ${m[1]}`)
    return { mode: 'batch', windowMs }
  }
  throw new Error(`expected always, batch, batch=MS or none, got '${text}'`)
}

/** The policy as the flag spells it. */
export function formatSyncPolicy(p: SyncPolicy): string {
  return p.mode === 'batch' ? `batch=${p.windowMs}` : p.mode
}
