import { ExitCode } from '../errors.js'

/**
 * The process's standard output and error as the CLI uses them.
 *
 * A reader that goes away early (`iamflow run ... | head`) makes every later write fail with
 * EPIPE. That is the reader's choice, not a failure of the command: output to that stream
 * stops quietly and the command carries on (a run still tears down) and exits as it would have.
 * Any other write error (ENOSPC with `> /dev/full`, EIO) means output was lost: it is
 * remembered, and the command ends by saying so on stderr with exit 3.
 */
interface StreamState {
  /** The reader went away (EPIPE): stop writing. */
  gone: boolean
  /** The first other write error: output was lost. */
  error?: NodeJS.ErrnoException
}

const stdout: StreamState = { gone: false }
const stderr: StreamState = { gone: false }
let guarded = false

/** Watch stdout and stderr for write errors instead of letting one crash the process (once per process). */
export function guardStdio(): void {
  if (guarded) return
  guarded = true
  watch(process.stdout, stdout)
  watch(process.stderr, stderr)
}

function watch(stream: NodeJS.WriteStream, state: StreamState): void {
  stream.on('error', (err: NodeJS.ErrnoException) => record(state, err))
}

function record(state: StreamState, err: NodeJS.ErrnoException): void {
  if (err.code === 'EPIPE') state.gone = true
  else state.error ??= err
}

/** The error a stream already failed with (`writable.errored`), if its 'error' event is still to come. */
function noteError(stream: NodeJS.WriteStream, state: StreamState): void {
  const err = (stream as { errored?: NodeJS.ErrnoException | null }).errored
  if (err && !state.gone && state.error === undefined) record(state, err)
}

/** Whether stdout's reader has gone away (nothing more should be written there). */
export function stdoutGone(): boolean {
  return stdout.gone || stdout.error !== undefined
}

/** Write to stdout unless its reader is gone or it failed already. */
export function writeStdout(text: string): void {
  if (!stdoutGone()) process.stdout.write(text)
}

/**
 * At the end of a command: wait until what was written to stdout is flushed (its errors arrive
 * asynchronously), then, when stdout lost output for a reason other than a closed pipe, say so
 * on stderr and return the exit code raised to 3 (see `raiseToInfrastructure`).
 */
export async function finishStdio(exitCode: number): Promise<number> {
  if (!stdout.gone && stdout.error === undefined && process.stdout.writable) {
    await new Promise<void>((resolve) => process.stdout.write('', () => resolve()))
  }
  // A failed write destroys the stream at once but emits its 'error' a tick later: a command
  // that ends in between would miss it, so the stream's own record is read too.
  noteError(process.stdout, stdout)
  const err = stdout.error
  if (!err) return exitCode
  if (!stderr.gone) process.stderr.write(`error [stdout-failed]: output to stdout was lost: ${err.message}\nhint: the command itself finished; check where stdout goes (disk full?) and run it again\n`)
  return raiseToInfrastructure(exitCode)
}

/** A lost report or output makes a passing or failing run exit 3; other codes (2, 3, 130) say more and stay. */
export function raiseToInfrastructure(exitCode: number): number {
  return exitCode === ExitCode.ok || exitCode === ExitCode.expectationFailed ? ExitCode.infrastructure : exitCode
}
