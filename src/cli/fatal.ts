import { ExitCode, IamflowError } from '../errors.js'

/**
 * Print an error the way users should see it: code, message, location, frame, hint — no stack
 * trace unless `debug`. Returns the exit code to use.
 */
export function reportFatal(err: unknown, debug: boolean): number {
  if (err instanceof IamflowError) {
    let text = formatIamflowError(err)
    if (debug && err.stack) text += `${err.stack}\n`
    process.stderr.write(text)
    return err.exitCode
  }
  const message = err instanceof Error ? err.message : String(err)
  process.stderr.write(`internal error: ${message}\n`)
  if (debug && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`)
  else process.stderr.write('hint: run again with --debug for details, and report it if it persists.\n')
  return ExitCode.infrastructure
}

/** How many of a file's errors are printed in full; the rest are counted (the first ones usually explain them). */
export const MAX_PRINTED_ERRORS = 50

/**
 * An IamflowError as users read it: `file:line:column: error [code]: message`, the code frame and
 * the hint. An error that carries several (`errors`, as a scenario with many problems does) lists
 * the first MAX_PRINTED_ERRORS, counts the rest, then prints its own summary line.
 */
export function formatIamflowError(err: IamflowError): string {
  const details = (err as { errors?: unknown }).errors
  if (Array.isArray(details) && details.length > 0 && details.every((d) => d instanceof IamflowError)) {
    const shown = details.slice(0, MAX_PRINTED_ERRORS).map((d: IamflowError) => formatOne(d))
    const rest = details.length - shown.length
    if (rest > 0) shown.push(`... and ${rest} more error${rest === 1 ? '' : 's'} (fix the ones above first; they often cause the rest)\n`)
    return `${shown.join('\n')}\n${err.message}\n`
  }
  return formatOne(err)
}

function formatOne(err: IamflowError): string {
  const where = err.location ? `${err.location.file}:${err.location.line}:${err.location.column}: ` : ''
  let text = `${where}error [${err.code}]: ${err.message}\n`
  if (err.frame) text += `${err.frame}\n`
  if (err.hint) text += `hint: ${err.hint}\n`
  return text
}
