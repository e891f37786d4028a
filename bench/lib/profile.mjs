// CPU-profile a part of a benchmark in-process (node:inspector), for the "what the profile
// shows" notes: only the measured phase is sampled, not module loading or warm-up.
import { Session } from 'node:inspector/promises'
import { writeFileSync } from 'node:fs'
import { summarise } from './profile-summary.mjs'

/**
 * Run `fn` under the V8 sampling profiler; returns its value and a summary of where the time
 * went (top packages and functions by self time). With `file`, the raw .cpuprofile is kept.
 */
export async function profiled(fn, { file, top = 12, intervalUs = 200 } = {}) {
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: intervalUs })
  await session.post('Profiler.start')
  let value
  try {
    value = await fn()
  } finally {
    var { profile } = await session.post('Profiler.stop')
    session.disconnect()
  }
  if (file) writeFileSync(file, JSON.stringify(profile))
  return { value, profile: summarise(profile, top) }
}
