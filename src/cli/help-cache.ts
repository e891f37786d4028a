import type { Argv } from 'yargs'

interface UsageInternals {
  cacheHelpMessage?: unknown
}

/**
 * Before a command's handler runs, yargs renders that command's whole help text (cliui wraps and
 * measures every option description) and keeps it in case the handler calls `showHelp()`. No
 * iamflow handler does, and our `.fail()` never prints help, so the text was rendered and thrown
 * away on every command: 30-60 ms of `iamflow run`'s start-up (issue 19). `--help` is unchanged:
 * it renders the text when it prints it. Returns false when yargs' internals are not where this
 * expects them (a yargs upgrade then only costs the time again; `help-cache.test.ts` notices).
 */
export function skipHelpCache(cli: Argv): boolean {
  const internal = cli as unknown as { getInternalMethods?: () => { getUsageInstance?: () => UsageInternals | undefined } }
  const usage = internal.getInternalMethods?.().getUsageInstance?.()
  if (!usage || typeof usage.cacheHelpMessage !== 'function') return false
  usage.cacheHelpMessage = () => {}
  return true
}
