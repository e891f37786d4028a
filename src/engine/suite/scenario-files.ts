import { readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { InputError } from '../../errors.js'

const SCENARIO_FILE = /\.ya?ml$/i
/** Outcome records (`run --record`) live next to scenarios and are not scenarios. */
const RECORD_FILE = /\.record\.ya?ml$/i

/**
 * The scenario files named on the command line: files as given, directories searched
 * recursively for `*.yaml` / `*.yml` but outcome records `*.record.yaml` (sorted, so order and
 * shards are deterministic).
 * Duplicates are removed, first mention wins.
 */
export function expandScenarioPaths(paths: string[]): string[] {
  const out: string[] = []
  const seen = new Set<string>()
  const add = (file: string) => {
    if (!seen.has(file)) {
      seen.add(file)
      out.push(file)
    }
  }
  for (const path of paths) {
    let isDir = false
    try {
      isDir = statSync(path).isDirectory()
    } catch {
      add(path) // the loader reports a missing file with its own message
      continue
    }
    if (!isDir) {
      add(path)
      continue
    }
    const found = walk(path).sort()
    if (found.length === 0) throw new InputError('no-scenarios', `${path} holds no .yaml or .yml scenario files`, { hint: 'name scenario files, or a directory that contains some' })
    for (const f of found) add(f)
  }
  return out
}

function walk(dir: string): string[] {
  const files: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
    const full = join(dir, entry.name)
    if (entry.isDirectory()) files.push(...walk(full))
    else if (SCENARIO_FILE.test(entry.name) && !RECORD_FILE.test(entry.name)) files.push(full)
  }
  return files
}

/** `--shard i/n` parsed (1-based i). */
export interface Shard {
  index: number
  count: number
}

/** Parse `2/4`; an InputError for anything else. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim())
  const index = m ? Number(m[1]) : Number.NaN
  const count = m ? Number(m[2]) : Number.NaN
  if (!m || count < 1 || index < 1 || index > count) {
    throw new InputError('bad-shard', `--shard ${text} is not i/n with 1 <= i <= n`, { hint: 'e.g. --shard 1/3 in the first of three CI jobs' })
  }
  return { index, count }
}

/**
 * The deterministic slice of `files` for a shard: sorted by path, every n-th file starting at
 * the i-th, so each file lands in exactly one of the n shards whatever the order given.
 */
export function shardFiles(files: string[], shard: Shard, cwd = process.cwd()): string[] {
  const sorted = [...files].sort((a, b) => relative(cwd, a).localeCompare(relative(cwd, b)))
  return sorted.filter((_, i) => i % shard.count === shard.index - 1)
}

/**
 * `--filter` / `--exclude`: a substring of the scenario's `name:` or of its file path as listed
 * (directories expanded: `scenarios/assume-role.yaml`), or `/regex/flags` tested on both.
 */
export function matchesFilter(filter: string, scenario: { name: string; file: string }): boolean {
  const m = /^\/(.+)\/([a-z]*)$/.exec(filter)
  if (m) {
    let re: RegExp
    try {
      re = new RegExp(m[1], m[2])
    } catch (err) {
      throw new InputError('bad-regex', `${filter} is not a valid regular expression: ${err instanceof Error ? err.message : String(err)}`, { hint: 'write /regex/flags in JavaScript syntax, or plain text to match a substring' })
    }
    return re.test(scenario.name) || re.test(scenario.file)
  }
  return scenario.name.includes(filter) || scenario.file.includes(filter)
}
