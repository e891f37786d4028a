import { closeSync, fsyncSync, openSync } from 'node:fs'
import { open } from 'node:fs/promises'

/**
 * fsync a directory, so that a file created or renamed in it survives a machine crash (the
 * name lives in the directory, not in the file). Not possible on every platform (Windows):
 * there, a failure to open the directory is ignored.
 */
export function syncDirSync(dir: string): void {
  let fd: number
  try {
    fd = openSync(dir, 'r')
  } catch {
    return
  }
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** syncDirSync on the thread pool. */
export async function syncDir(dir: string): Promise<void> {
  let handle
  try {
    handle = await open(dir, 'r')
  } catch {
    return
  }
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}
