import { setFlagsFromString } from 'node:v8'

/**
 * Up to this many files, a suite on worker threads ends before V8's optimizing compiler pays
 * for itself. Measured on 2 cores with copies of assume-role.yaml, --parallel 8: 100 files
 * 3.1 s -> 2.2 s with the cap, 400 files 6.4 s -> 5.8 s, 800 files 10.3 s either way.
 */
export const SHORT_SUITE_FILES = 500

/** V8 flags that say the user chose the tiers (`node --max-opt=...`, `--jitless`, ...). */
const TIER_FLAGS = /^--(no-)?(max-opt|opt|turbofan|maglev|sparkplug|jitless)\b/

/**
 * Cap V8's tiers at Sparkplug (no TurboFan) while a short suite runs on worker threads; returns
 * the function that lifts the cap.
 *
 * Why: every worker is a fresh isolate that compiles the same code again, and TurboFan compiles
 * on background threads. In one thread that work lands on the otherwise idle second core; with a
 * worker per core there is no idle core, and it cost about 0.7 s of CPU per worker (100 files:
 * 5.4 s of CPU in all, 1.9 s of it background compiles) for little gain in a run this short.
 * Tiers change speed, never behaviour. Flags are process-wide: the main thread (which only
 * routes events here) is capped too. Left alone when the user set tier flags themselves.
 */
export function capJitForShortSuite(files: number): () => void {
  if (!jitCapApplies(files, [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)])) return () => {}
  setFlagsFromString('--max-opt=1')
  return () => setFlagsFromString('--max-opt=999')
}

/** Whether a suite of `files` gets the cap, given the node options the process started with. */
export function jitCapApplies(files: number, nodeArgs: readonly string[]): boolean {
  return files <= SHORT_SUITE_FILES && !nodeArgs.some((a) => TIER_FLAGS.test(a))
}
