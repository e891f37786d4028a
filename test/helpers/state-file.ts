import { readFileSync } from 'node:fs'

/** One unit line of a state snapshot (`{"k":"user","a":"1234...","n":"alice","v":{...}}`). */
export interface StateUnit {
  k: string
  a?: string
  n: string
  v: Record<string, unknown>
}

/** The units of a version-2 state snapshot (NDJSON: header, units, end line), in file order. */
export function readStateUnits(path: string): StateUnit[] {
  const lines = readFileSync(path, 'utf8').trimEnd().split('\n')
  return lines.slice(1, -1).map((l) => JSON.parse(l) as StateUnit)
}

/** The values of the units of one kind (`session`, `accessKey`, `user`, ...). */
export function unitsOfKind<T = Record<string, unknown>>(path: string, kind: string): T[] {
  return readStateUnits(path)
    .filter((u) => u.k === kind)
    .map((u) => u.v as T)
}
