import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { expandScenarioPaths } from './scenario-files.js'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

describe('expandScenarioPaths', () => {
  it('finds *.yaml and *.yml under a directory, sorted, but not outcome records kept beside them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamflow-files-'))
    dirs.push(dir)
    mkdirSync(join(dir, 'records'))
    for (const f of ['b.yaml', 'a.yml', 'records/b.record.yaml', 'a.record.yml', 'notes.txt']) writeFileSync(join(dir, f), 'x')
    expect(expandScenarioPaths([dir])).toEqual([join(dir, 'a.yml'), join(dir, 'b.yaml')])
    // A record named explicitly is taken as given (the loader then says what is wrong with it).
    expect(expandScenarioPaths([join(dir, 'a.record.yml')])).toEqual([join(dir, 'a.record.yml')])
  })
})
