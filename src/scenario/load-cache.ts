import { resolve } from 'node:path'
import { type PolicyFileRead, policyFileUnchanged } from './policy-files.js'
import type { Scenario } from './types.js'

/** Most scenarios kept, and most bytes of source (scenario text and policy files) kept for them. */
export const LOAD_CACHE_ENTRIES = 64
export const LOAD_CACHE_BYTES = 16 * 1024 * 1024

interface Entry {
  text: string
  reads: PolicyFileRead[]
  scenario: Scenario
  bytes: number
}

/**
 * Loaded scenarios by path, reused while the file's text and every policy file it read are
 * unchanged (compared by content, not by mtime: a save within the same millisecond still
 * counts). A `Scenario` is deeply frozen data, so one value can serve every run. Bounded by
 * count and by bytes, least recently used first out; only files that loaded without error are
 * kept, so an error is reported afresh on every load.
 */
export class LoadCache {
  private readonly entries = new Map<string, Entry>()
  private bytes = 0

  constructor(
    private readonly maxEntries = LOAD_CACHE_ENTRIES,
    private readonly maxBytes = LOAD_CACHE_BYTES,
  ) {}

  get size(): number {
    return this.entries.size
  }

  /** The scenario loaded from `path` when it had this text and its policy files are unchanged. */
  get(path: string, text: string): Scenario | undefined {
    const key = keyOf(path)
    const entry = this.entries.get(key)
    if (!entry) return undefined
    if (entry.text !== text || !entry.reads.every(policyFileUnchanged)) {
      this.drop(key, entry)
      return undefined
    }
    // Most recently used last.
    this.entries.delete(key)
    this.entries.set(key, entry)
    return entry.scenario
  }

  set(path: string, text: string, reads: PolicyFileRead[], scenario: Scenario): void {
    const key = keyOf(path)
    const old = this.entries.get(key)
    if (old) this.drop(key, old)
    const bytes = 2 * text.length + reads.reduce((n, r) => n + r.bytes.length, 0)
    if (bytes > this.maxBytes) return
    deepFreeze(scenario)
    this.entries.set(key, { text, reads, scenario, bytes })
    this.bytes += bytes
    for (const [k, e] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break
      this.drop(k, e)
    }
  }

  private drop(key: string, entry: Entry): void {
    this.entries.delete(key)
    this.bytes -= entry.bytes
  }
}

/** The path as given (it names the file in messages) and where it leads from here. */
function keyOf(path: string): string {
  return `${path}\u0000${resolve(path)}`
}

/** Shared values must not change under a later run: freeze what the builder left unfrozen. */
function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return
  Object.freeze(value)
  for (const item of Object.values(value)) deepFreeze(item)
}
