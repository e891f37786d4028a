import type { Observation } from '../events.js'

/** What a step that got no AWS answer observed (it failed before its call, or was skipped). */
export const NO_ANSWER: Observation = Object.freeze({ outcome: 'none' }) as Observation
