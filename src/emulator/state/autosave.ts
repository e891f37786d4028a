import type { EmulatorState } from './model.js'
import { saveStateSync } from './persist.js'

/**
 * Debounced saving after state-changing requests, so a server that is killed (not stopped)
 * loses at most the last `delayMs` of changes. The timer never keeps the process alive.
 */
export function createAutosave(state: EmulatorState, path: string, delayMs = 250): { touch(): void; flush(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined
  const flush = () => {
    if (timer) clearTimeout(timer)
    timer = undefined
    try {
      saveStateSync(state, path)
    } catch (err) {
      console.error(`iamflow emulator: could not save state to ${path}:`, err)
    }
  }
  return {
    touch() {
      if (timer) return
      timer = setTimeout(flush, delayMs)
      timer.unref?.()
    },
    flush,
  }
}

/** Whether a request may have changed state (reads never do). */
export function mayMutate(method: string, action: string | undefined): boolean {
  if (method === 'GET' || method === 'HEAD') return false
  if (action && /^(Get|List|Head|Simulate|Generate)/.test(action) && action !== 'GetSessionToken') return false
  return true
}
