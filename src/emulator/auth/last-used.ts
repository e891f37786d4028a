import type { Caller } from '../services/types.js'
import type { EmulatorState } from '../state/model.js'
import { sessionRole } from './principal.js'

const MINUTE_MS = 60_000

/**
 * Record that `caller` just authenticated a request to `service` in `region`, as IAM tracks it:
 * - a long-term key (user or root) gets `AccessKeyLastUsed` {date, service, region} — "the
 *   service and Region that were specified in the last request made with that key"
 *   (GetAccessKeyLastUsed, IAM API Reference);
 * - a role gets `RoleLastUsed` {date, region} when its session credentials make a request
 *   ("when a role has last been used to make an AWS request, and the region where the request
 *   was made"), only while the session's role is the live one (a re-created role of the same
 *   name is another role).
 * AWS reports these at minute granularity (its sample: `2015-03-13T10:45:00Z`), so the date is
 * truncated to the minute; the records are updated in place and only when something changes,
 * which keeps the per-request cost to a few comparisons.
 */
export function recordUse(state: EmulatorState, caller: Caller, service: string, region: string, now: number): void {
  const date = now - (now % MINUTE_MS)
  const key = caller.key
  if (key) {
    const last = key.lastUsed
    if (!last) key.lastUsed = { date, service, region }
    else if (last.date !== date || last.service !== service || last.region !== region) {
      last.date = date
      last.service = service
      last.region = region
    }
    return
  }
  const session = caller.session
  if (session?.kind !== 'assumed-role') return
  const role = sessionRole(state, session)
  if (!role) return
  const last = role.lastUsed
  if (!last) role.lastUsed = { date, region }
  else if (last.date !== date || last.region !== region) {
    last.date = date
    last.region = region
  }
}
