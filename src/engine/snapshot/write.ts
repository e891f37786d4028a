import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import type { AccountSnapshot } from '../../emulator/snapshot/format.js'
import { InfrastructureError } from '../../errors.js'
import { snapshotText } from './take.js'

/**
 * Write a snapshot to `path` whole or not at all: a temporary file beside it (mode 600: an
 * account's configuration is not for every local user), fsynced, then renamed over `path`.
 * A path that cannot be written is `snapshot-not-written` (exit 3).
 */
export function writeSnapshotFile(path: string, snap: AccountSnapshot): void {
  const temp = `${path}.${process.pid}.tmp`
  try {
    const fd = openSync(temp, 'w', 0o600)
    try {
      writeSync(fd, snapshotText(snap))
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(temp, path)
  } catch (err) {
    rmSync(temp, { force: true })
    throw new InfrastructureError('snapshot-not-written', `cannot write the snapshot to ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
      hint: 'check that the directory exists and can be written',
      cause: err,
    })
  }
}
