import type { Diagnostics } from './diagnostics.js'
import type { Locator } from './locator.js'
import type { ScenarioValidator } from './schema-check.js'

/** What the semantic checks (semantic.ts, semantic-identities.ts) share: positions, problems, input validation. */
export interface CheckContext {
  locator: Locator
  diag: Diagnostics
  validator: ScenarioValidator
}
