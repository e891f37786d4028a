import { randomBytes } from 'node:crypto'

/**
 * A run id: lowercase letters, digits and one hyphen, 13 characters, e.g. `mf3k2j9a-x7q2`.
 * Safe inside every IAM and S3 name (`demo-${{ run.id }}`), unique across parallel runs, and
 * sortable by start time (base-36 milliseconds first), so `iamflow runs` lists newest last.
 */
export function newRunId(now: number = Date.now()): string {
  const time = now.toString(36).padStart(8, '0').slice(-8)
  const bytes = randomBytes(4)
  let suffix = ''
  for (const b of bytes) suffix += (b % 36).toString(36)
  return `${time}-${suffix}`
}

const RUN_ID = /^[0-9a-z]{8}-[0-9a-z]{4}$/

/** Whether `text` has the shape of a run id (guards path joins in `cleanup <id>`). */
export function isRunId(text: string): boolean {
  return RUN_ID.test(text)
}

/** The start time encoded in a run id (epoch ms). */
export function runIdTime(id: string): number {
  return Number.parseInt(id.slice(0, 8), 36)
}
