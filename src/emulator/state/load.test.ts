import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BlobStore } from './blobs.js'
import { stateLayout } from './layout.js'
import { loadState } from './load.js'
import { StateFileError } from './state-error.js'
import { StateStore } from './store.js'

const dir = () => mkdtempSync(join(tmpdir(), 'iamflow-load-'))

function loadError(path: string): StateFileError {
  const layout = stateLayout(path)
  try {
    loadState(layout, new BlobStore(layout, { mode: 'none' }))
  } catch (err) {
    if (err instanceof StateFileError) return err
    throw err
  }
  throw new Error(`expected ${path} to be refused`)
}

const HEADER = '{"format":"iamflow-emulator-state","version":2,"journal":1,"written":"2025-01-01T00:00:00.000Z"}'

describe('state paths that cannot be used are refused at start, naming the file and the reason', () => {
  it('a directory', () => {
    const d = dir()
    const err = loadError(d)
    expect([err.code, err.message, err.hint]).toEqual(['STATE_NOT_A_FILE', `${d} is a directory; --state names a file (its journal and object bodies are kept beside it)`, `give a file path, for example ${d}/state.json`])
  })

  it('a path under a regular file (its directory cannot exist)', () => {
    const file = join(dir(), 'plain')
    writeFileSync(file, 'x')
    const err = loadError(join(file, 'state.json'))
    expect([err.code, err.message]).toEqual(['STATE_UNWRITABLE', `cannot use ${join(file, 'state.json')}: a part of its directory path is a file`])
  })

  it.skipIf(process.getuid?.() === 0)('a directory that is not writable', () => {
    const d = join(dir(), 'ro')
    mkdirSync(d)
    chmodSync(d, 0o500)
    const err = loadError(join(d, 'state.json'))
    expect(err.code).toBe('STATE_UNWRITABLE')
    expect(err.message).toMatch(/its directory .* is not writable \(EACCES/)
  })

  it('not JSON, with the line and column', () => {
    const path = join(dir(), 'state.json')
    writeFileSync(path, '{\n  "format": "iamflow-emulator-state",\n  "version": 1,,\n}')
    const err = loadError(path)
    expect(err.code).toBe('STATE_CORRUPT')
    // The reason after the colon is V8's own wording (it varies between Node versions).
    expect(err.message.startsWith(`${path} is not valid JSON at line 3, column 16: `)).toBe(true)
  })

  it('JSON that is not a state file; an empty file', () => {
    const path = join(dir(), 'state.json')
    writeFileSync(path, '{"hello":"world"}')
    expect(loadError(path).message).toBe(`${path} is not an iamflow state file (it has no "format": "iamflow-emulator-state")`)
    writeFileSync(path, '')
    expect(loadError(path).message).toBe(`${path} is empty: not an iamflow state file`)
    writeFileSync(path, 'just some text\nover lines\n')
    expect(loadError(path).message).toMatch(new RegExp(`^${path} is not valid JSON: Unexpected token`))
  })

  it('a version this iamflow does not read', () => {
    const path = join(dir(), 'state.json')
    writeFileSync(path, '{"format":"iamflow-emulator-state","version":7}\n')
    const err = loadError(path)
    expect([err.code, err.message]).toEqual(['STATE_VERSION', `${path}: state format version 7 is not supported (this iamflow reads versions 1 and 2)`])
  })

  it('a snapshot cut short, a damaged line, an object whose body file is missing', () => {
    const path = join(dir(), 'state.json')
    const account = '{"k":"account","n":"123456789012","v":{"id":"123456789012","canonicalUserId":"c"}}'
    writeFileSync(path, `${HEADER}\n${account}\n`)
    expect(loadError(path).message).toBe(`${path}: the file is cut short (no end line after 1 units)`)
    writeFileSync(path, `${HEADER}\n${account}\n{"k":"user","a":"123456789012","n":"x","v":{"name":\n{"end":true,"units":2}\n`)
    expect(loadError(path).message).toMatch(new RegExp(`^${path}: line 3: not valid JSON \\(`))
    const bucket = '{"k":"bucket","n":"b1","v":{"name":"b1","accountId":"123456789012","region":"us-east-1","createDate":1}}'
    const sha = 'ab'.repeat(32)
    const object = `{"k":"object","a":"b1","n":"key","v":{"key":"key","etag":"\\"e\\"","lastModified":1,"metadata":{}},"b":{"sha256":"${sha}","size":3}}`
    writeFileSync(path, `${HEADER}\n${account}\n${bucket}\n${object}\n{"end":true,"units":3}\n`)
    const err = loadError(path)
    expect(err.path).toBe(join(`${path}.objects`, sha))
    expect(err.message).toMatch(new RegExp(`^${path}\\.objects/${sha}: the body of s3://b1/key is missing \\(ENOENT`))
  })

  it('journals without their snapshot', () => {
    const path = join(dir(), 'state.json')
    writeFileSync(`${path}.journal.4`, '')
    const err = loadError(path)
    expect([err.code, err.message]).toEqual(['STATE_CORRUPT', `${path} is missing, but its journal ${path}.journal.4 is there: the snapshot was moved or deleted`])
  })

  it('a valid empty snapshot loads', () => {
    const path = join(dir(), 'state.json')
    writeFileSync(path, `${HEADER}\n{"end":true,"units":0}\n`)
    const { store, state } = StateStore.open({ path })
    expect(state?.accounts.size).toBe(0)
    expect(store.loaded).toMatchObject({ snapshotVersion: 2, snapshotUnits: 0, journalGen: 1, records: 0 })
  })
})
