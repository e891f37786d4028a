import { createHash } from 'node:crypto'
import type { BlobStore } from './blobs.js'
import { encodeLine } from './journal.js'
import type { EmulatorState, ObjectEntity } from './model.js'
import type { Touches } from './tracking.js'
import { allUnits, opJson, UNIT_ORDER, unitId, unitJson, unitValue, type BodyRef, type UnitKind } from './units.js'

interface Change {
  kind: UnitKind
  parent?: string
  key: string
  json?: string
  body?: Uint8Array
}

const sha1 = (text: string) => createHash('sha1').update(text).digest('base64')

/**
 * What the journal and snapshot last hold for each unit: a hash of its JSON (plus the identity
 * of an object's body, which is never changed in place), or '' for a unit loaded from disk and
 * not hashed yet. A touched unit whose hash is unchanged is not written again.
 */
export class Signatures {
  readonly #sigs = new Map<string, string>()
  readonly #bodyIds = new WeakMap<Uint8Array, number>()
  #nextBodyId = 1

  /** Every unit of a loaded (or new) state is on disk. */
  markAll(state: EmulatorState): void {
    for (const u of allUnits(state)) this.#sigs.set(unitId(u.kind, u.parent, u.key), '')
  }

  /**
   * The changes among the units `touches` names: puts (parents first) and deletes (children
   * first) of units whose value differs from what was last written. Updates the signatures.
   */
  changes(state: EmulatorState, touches: Touches): { puts: Change[]; dels: Change[] } {
    const puts: Change[] = []
    const dels: Change[] = []
    for (const [scope, keys] of touches.byScope) {
      const { kind, parent } = scope
      const where = parent === undefined ? {} : { parent }
      for (const key of keys) {
        const id = unitId(kind, parent, key)
        const value = unitValue(state, { kind, ...where, key })
        if (value === undefined) {
          if (this.#sigs.delete(id)) dels.push({ kind, ...where, key })
          continue
        }
        const json = unitJson(kind, value)
        const body = kind === 'object' || kind === 'version' ? (value as ObjectEntity).body : undefined
        const sig = body ? `${sha1(json)}:${this.#bodyId(body)}` : sha1(json)
        if (this.#sigs.get(id) === sig) continue
        this.#sigs.set(id, sig)
        puts.push({ kind, ...where, key, json, ...(body ? { body } : {}) })
      }
    }
    puts.sort((a, b) => UNIT_ORDER[a.kind] - UNIT_ORDER[b.kind])
    dels.sort((a, b) => UNIT_ORDER[b.kind] - UNIT_ORDER[a.kind])
    return { puts, dels }
  }

  #bodyId(body: Uint8Array): number {
    let id = this.#bodyIds.get(body)
    if (id === undefined) this.#bodyIds.set(body, (id = this.#nextBodyId++))
    return id
  }
}

/**
 * One journal record line for the changes `touches` names, or undefined when nothing changed.
 * The line is a promise when new object bodies must be written first (they are content-
 * addressed files, written before the record that names them).
 */
export function captureRecord(state: EmulatorState, touches: Touches, sigs: Signatures, blobs: BlobStore): string | Promise<string> | undefined {
  const { puts, dels } = sigs.changes(state, touches)
  if (!puts.length && !dels.length) return undefined
  const t = Date.now()
  const refs = new Map<Change, BodyRef>()
  const build = () =>
    encodeLine(`{"t":${t},"ops":[${[...puts.map((p) => opJson(p.kind, p.parent, p.key, p.json, refs.get(p))), ...dels.map((d) => opJson(d.kind, d.parent, d.key, undefined))].join(',')}]}`)
  const toWrite: Change[] = []
  for (const p of puts) {
    if (!p.body) continue
    const stored = blobs.refIfStored(p.body)
    if (stored) refs.set(p, stored)
    else toWrite.push(p)
  }
  if (!toWrite.length) return build()
  return Promise.all(toWrite.map(async (p) => refs.set(p, await blobs.ensure(p.body!)))).then(build)
}
