/** One kill/restart round. */
export interface DurabilityRound {
  round: number
  killedAfterMs: number
  ackedThisRound: number
  inflightAtKill: number
  restartMs: number
  /** What serve said it loaded at the restart (snapshot entities, journal records replayed). */
  loaded: string
  lost: number
  problems: string[]
  errors: string[]
  users: number
  objects: number
}

export interface DurabilityReport {
  seed: number
  sync: string
  writers: number
  kills: number
  /** Writes answered 200 over the whole run. */
  acked: number
  /** Answered writes missing (or with other bytes) after a restart. */
  lost: number
  unexpectedErrors: number
  finalUsers: number
  finalObjects: number
  rounds: DurabilityRound[]
  durationMs: number
}

export function runServeDurability(opts: {
  cli: string
  dir: string
  kills: number
  writers?: number
  seed?: number
  sync?: 'always' | 'batch' | 'none'
  /** The kill comes minMs..maxMs after the round's first minAcked writes were answered. */
  minAcked?: number
  minMs?: number
  maxMs?: number
  /** `--state-compact-bytes`: compact whenever the journal reaches this size. */
  compactBytes?: number
  log?: (line: string) => void
}): Promise<DurabilityReport>
