/**
 * A small seeded PRNG (mulberry32) for the reliability tests: every random choice (kill moment,
 * mutation, request mix) comes from a logged seed, so a failure can be replayed exactly.
 */
export interface Rng {
  /** The seed this generator started from. */
  readonly seed: number
  /** A float in [0, 1). */
  next(): number
  /** An integer in [min, max] (inclusive). */
  int(min: number, max: number): number
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T
  /** true with probability p. */
  chance(p: number): boolean
}

/** A generator for `seed` (the same seed always gives the same sequence). */
export function createRng(seed: number): Rng {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    seed,
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list')
      return items[Math.floor(next() * items.length)]
    },
    chance: (p) => next() < p,
  }
}

/** The seed of a test: `$NAME` when set (replay), otherwise derived from the clock, and logged. */
export function seedFromEnv(name: string): number {
  const given = process.env[name]
  if (given !== undefined && given !== '') {
    const n = Number(given)
    if (!Number.isInteger(n)) throw new Error(`${name}=${given} is not an integer seed`)
    return n >>> 0
  }
  return (Date.now() ^ (process.pid << 16)) >>> 0
}
