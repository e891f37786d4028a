import { closeSync, fdatasyncSync, fstatSync, openSync, writeSync } from 'node:fs'
import { InputError } from '../errors.js'
import type { ReporterOutput } from '../reporters/types.js'
import { writeStdout } from './stdio.js'

/** Where one reporter writes, with every write checked: a lost report is never silent. */
export interface ReportOutput extends ReporterOutput {
  /** `stdout` or the `--output` file, for messages. */
  readonly where: string
  /** Flush to disk and close. Never throws: a failure is kept for `failure()`. */
  close(): void
  /** Why the report is incomplete (the first write, flush or close error), or undefined. */
  failure(): string | undefined
}

/** A new report file's mode: reports hold no secrets, but they name the account and its principals. */
const REPORT_MODE = 0o600

/** A reporter on stdout. Its errors are the process's (see stdio.ts): a closed pipe stops it quietly. */
export function stdoutReport(): ReportOutput {
  return {
    where: 'stdout',
    write: (text) => writeStdout(text),
    isTTY: process.stdout.isTTY === true,
    close: () => {},
    failure: () => undefined,
  }
}

/**
 * A reporter's `--output` file, opened (and truncated) now, so an unwritable path stops the
 * command before anything runs (exit 2). A new file is created mode 600; an existing file keeps
 * the mode its owner gave it. Writes are synchronous and checked to the last byte (a short
 * write is continued, an error is kept and stops the output); `close` syncs a regular file to
 * disk first, so an error the filesystem reports late (quota, NFS) is seen too.
 */
export function openReportFile(file: string): ReportOutput {
  let fd: number
  try {
    fd = openSync(file, 'w', REPORT_MODE)
  } catch (err) {
    throw new InputError('bad-output', `cannot write ${file}: ${errorText(err)}`, { hint: 'give --output a path to a file in a writable directory' })
  }
  let regular = false
  try {
    regular = fstatSync(fd).isFile()
  } catch {
    // a stat failure changes nothing: the writes will say what is wrong
  }
  let open = true
  let failed: string | undefined
  const fail = (err: unknown) => {
    failed ??= errorText(err)
    if (!open) return
    open = false
    try {
      closeSync(fd)
    } catch {
      // already failing: the first error is the one to report
    }
  }
  return {
    where: file,
    isTTY: false,
    write: (text) => {
      if (!open) return
      const bytes = Buffer.from(text, 'utf8')
      try {
        for (let at = 0; at < bytes.length; ) {
          const n = writeSync(fd, bytes, at, bytes.length - at)
          if (n <= 0) throw new Error(`wrote ${at} of ${bytes.length} bytes`)
          at += n
        }
      } catch (err) {
        fail(err)
      }
    },
    close: () => {
      if (!open) return
      try {
        if (regular) fdatasyncSync(fd)
      } catch (err) {
        fail(err)
        return
      }
      open = false
      try {
        closeSync(fd)
      } catch (err) {
        failed ??= errorText(err)
      }
    },
    failure: () => failed,
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
