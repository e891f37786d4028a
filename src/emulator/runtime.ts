import type { Decision } from '../policy/types.js'
import type { FaultInjector } from './knobs/faults.js'
import type { AccountQuotas } from './types.js'
import type { Operation } from './services/types.js'
import type { EmulatorState } from './state/model.js'
import type { Clock, RequestLogEntry } from './types.js'

/** Everything the protocol layers and services share inside one emulator instance. */
export interface Runtime {
  state: EmulatorState
  clock: Clock
  /** Default region (S3 buckets, STS). */
  region: string
  consistencyDelayMs: number
  /** Account-level IAM quotas (users, roles, customer managed policies, groups). */
  quotas: AccountQuotas
  faults: FaultInjector
  iamOperations: Record<string, Operation>
  stsOperations: Record<string, Operation>
}

/** A response as the protocol layers build it (converted to a fetch Response at the edge). */
export interface WireResponse {
  status: number
  headers: Record<string, string>
  body?: string | Uint8Array
}

/** Facts gathered while one request is handled: for the decision header and the request log. */
export interface Exchange {
  service: string
  action?: string
  principal?: string
  accessKeyId?: string
  /** Every authorization decision taken, in order; the last one (or the denial) is reported. */
  decisions: Decision[]
  errorCode?: string
}

/** The log entry for a finished exchange. */
export function logEntry(ex: Exchange, method: string, status: number, ms: number): RequestLogEntry {
  const last = ex.decisions[ex.decisions.length - 1]
  return {
    method,
    service: ex.service,
    ...(ex.action ? { action: ex.action } : {}),
    ...(ex.principal ? { principal: ex.principal } : {}),
    ...(ex.accessKeyId ? { accessKeyId: ex.accessKeyId } : {}),
    ...(last ? { decision: last.decision } : {}),
    ...(ex.errorCode ? { errorCode: ex.errorCode } : {}),
    status,
    ms,
  }
}
