import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { InputError, type IamflowError } from '../src/errors.js'
import { ScenarioInvalidError } from '../src/scenario/diagnostics.js'
import { loadScenarioFile, loadScenarioText } from '../src/scenario/load.js'

const bad = (name: string) => join('test/fixtures/bad', name)

async function failure(file: string): Promise<IamflowError> {
  try {
    await loadScenarioFile(file)
  } catch (err) {
    expect(err).toBeInstanceOf(InputError)
    return err as IamflowError
  }
  throw new Error(`${file} loaded without error`)
}

/** The single problem of a file, checked for the invariants every error has. */
async function only(file: string): Promise<IamflowError> {
  const err = await failure(file)
  const list = err instanceof ScenarioInvalidError ? err.errors : [err]
  expect(list).toHaveLength(1)
  for (const e of [err, ...list]) assertWellFormed(e)
  return list[0]
}

function assertWellFormed(e: IamflowError): void {
  expect(e.exitCode).toBe(2)
  // (file names may contain the word, as missing-capture.yaml does)
  const file = e.location?.file ?? '\u0000'
  expect(e.message.split(file).join('')).not.toMatch(/undefined/)
  expect(e.hint ?? '').not.toMatch(/undefined/)
  expect(e.hint).toBeTruthy()
}

function where(e: IamflowError): string {
  return `${e.location?.file}:${e.location?.line}:${e.location?.column}`
}

describe('bad YAML is reported with file:line:column, a frame and a hint', () => {
  it('syntax error (unclosed flow map)', async () => {
    const e = await only(bad('yaml-syntax.yaml'))
    expect(e.code).toBe('yaml-syntax')
    expect(where(e)).toBe('test/fixtures/bad/yaml-syntax.yaml:6:3')
    expect(e.message).toBe('Flow map in block collection must be sufficiently indented and end with a }')
    expect(e.hint).toBe('a { above is not closed: add the } where it ends')
    expect(e.frame).toBe(['  4 |     action: iam.listUsers', '  5 |     input: { MaxItems: 5', '> 6 |   - id: again', '    |   ^'].join('\n'))
  })

  it('duplicate key', async () => {
    const e = await only(bad('duplicate-key.yaml'))
    expect(e.code).toBe('duplicate-key')
    expect(where(e)).toBe('test/fixtures/bad/duplicate-key.yaml:5:5')
    expect(e.message).toBe('duplicate key "action" in this mapping')
    expect(e.frame).toContain('> 5 |     action: iam.listRoles\n    |     ^')
  })

  it('tab used for indentation', async () => {
    const e = await only(bad('tab-indent.yaml'))
    expect(e.code).toBe('tab-indent')
    expect(where(e)).toBe('test/fixtures/bad/tab-indent.yaml:4:1')
    expect(e.message).toBe('a tab is used for indentation')
    expect(e.hint).toMatch(/spaces/)
  })

  it('a document that is a list, not a mapping', async () => {
    const e = await only(bad('not-a-mapping.yaml'))
    expect(e.code).toBe('not-a-mapping')
    expect(where(e)).toBe('test/fixtures/bad/not-a-mapping.yaml:1:1')
    expect(e.message).toBe('the scenario must be a mapping (name:, steps:, ...), but this document is a list')
  })

  it('a scalar document', () => {
    let caught: unknown
    try {
      loadScenarioText('just some words\n', 'words.yaml')
    } catch (err) {
      caught = err
    }
    const e = (caught as ScenarioInvalidError).errors[0]
    expect(e.code).toBe('not-a-mapping')
    expect(e.message).toMatch(/this document is a single value$/)
  })

  it('several documents', async () => {
    const e = await only(bad('several-documents.yaml'))
    expect(e.code).toBe('several-documents')
    expect(where(e)).toBe('test/fixtures/bad/several-documents.yaml:4:1')
    expect(e.hint).toMatch(/one YAML document/)
  })

  it('an empty file, and one with only comments', async () => {
    for (const name of ['empty.yaml', 'comments-only.yaml']) {
      const e = await only(bad(name))
      expect(e.code).toBe('empty-scenario')
      expect(where(e)).toBe(`test/fixtures/bad/${name}:1:1`)
      expect(e.hint).toMatch(/iamflow init/)
    }
  })

  it('an alias bomb is refused at the alias that explodes', async () => {
    const e = await only(bad('alias-bomb.yaml'))
    expect(e.code).toBe('alias-bomb')
    expect(e.message).toBe('the document expands to more than 100000 values through aliases')
    // a = 11 values, b = 111, c = 1111, d = 11111: the tenth *d of e passes 100000.
    expect(where(e)).toBe('test/fixtures/bad/alias-bomb.yaml:7:46')
  })

  it('many uses of one anchor hit yaml\'s alias budget', () => {
    const text = `name: many-aliases\nvars:\n  a: &a x\n  list: [${Array.from({ length: 1500 }, () => '*a').join(', ')}]\nsteps:\n  - action: iam.listUsers\n`
    let caught: unknown
    try {
      loadScenarioText(text, 'many.yaml')
    } catch (err) {
      caught = err
    }
    const e = (caught as ScenarioInvalidError).errors[0]
    expect(e.code).toBe('alias-limit')
    expect(e.message).toMatch(/^aliases expand too much: /)
  })

  it('an alias to an anchor that does not exist', async () => {
    const e = await only(bad('unknown-anchor.yaml'))
    expect(e.code).toBe('unknown-anchor')
    expect(where(e)).toBe('test/fixtures/bad/unknown-anchor.yaml:3:9')
    expect(e.message).toBe('alias *someone names no anchor defined before it')
  })

  it('excessive nesting', () => {
    const text = `name: deep\nvars:\n  v: ${'['.repeat(100)}${']'.repeat(100)}\nsteps:\n  - action: iam.listUsers\n`
    let caught: unknown
    try {
      loadScenarioText(text, 'deep.yaml')
    } catch (err) {
      caught = err
    }
    const e = (caught as ScenarioInvalidError).errors[0]
    expect(e.code).toBe('too-deep')
    // Counted from the root mapping: the 63rd [ of the value starts level 65.
    expect(e.location).toEqual({ file: 'deep.yaml', line: 3, column: 69 })
  })

  it('a YAML tag', () => {
    let caught: unknown
    try {
      loadScenarioText('name: tagged\nvars:\n  a: !Ref x\nsteps:\n  - action: iam.listUsers\n', 'tag.yaml')
    } catch (err) {
      caught = err
    }
    const e = (caught as ScenarioInvalidError).errors[0]
    expect(e.code).toBe('yaml-syntax')
    expect(e.location).toEqual({ file: 'tag.yaml', line: 3, column: 6 })
    expect(e.message).toBe('Unresolved tag: !Ref')
  })
})

describe('files that are not scenario text', () => {
  it('invalid UTF-8 names the byte and its position', async () => {
    const e = await only(bad('latin1.yaml'))
    expect(e.code).toBe('not-utf8')
    expect(where(e)).toBe('test/fixtures/bad/latin1.yaml:2:17')
    expect(e.message).toBe('test/fixtures/bad/latin1.yaml is not valid UTF-8 (byte 0xe9 at offset 29)')
  })

  it('UTF-16', async () => {
    const e = await only(bad('utf16.yaml'))
    expect(e.code).toBe('not-utf8')
    expect(e.message).toBe('test/fixtures/bad/utf16.yaml is UTF-16 text; scenarios must be UTF-8')
  })

  it('binary content (a NUL byte)', async () => {
    const e = await only(bad('binary.yaml'))
    expect(e.code).toBe('binary-file')
    expect(where(e)).toBe('test/fixtures/bad/binary.yaml:3:21')
  })

  it('a file over 1 MiB is refused before it is read', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'iamflow-big-'))
    const file = join(dir, 'big.yaml')
    await writeFile(file, `name: big\ndescription: "${'x'.repeat(1024 * 1024)}"\nsteps:\n  - action: iam.listUsers\n`)
    const e = await only(file)
    expect(e.code).toBe('file-too-large')
    expect(e.message).toBe(`${file} is 1.0 MiB; scenario files are limited to 1 MiB`)
  })

  it('a missing file', async () => {
    const e = await only('test/fixtures/bad/no-such-file.yaml')
    expect(e.code).toBe('file-not-found')
    expect(e.message).toBe('test/fixtures/bad/no-such-file.yaml does not exist')
  })

  it('a directory', async () => {
    const e = await only('test/fixtures/bad')
    expect(e.code).toBe('not-a-file')
    expect(e.message).toBe('test/fixtures/bad is a directory, not a scenario file')
    expect(e.hint).toBe('name the YAML files inside it, e.g. test/fixtures/bad/*.yaml')
  })

  it('a UTF-8 byte order mark is accepted', () => {
    const scenario = loadScenarioText('\ufeffname: bom\nsteps:\n  - action: iam.listUsers\n', 'bom.yaml')
    expect(scenario.steps[0].loc).toEqual({ file: 'bom.yaml', line: 3, column: 5 })
  })
})

describe('the done-when cases', () => {
  it('a typo in an action name', async () => {
    const e = await only(bad('typo-action.yaml'))
    expect(e.code).toBe('unknown-action')
    expect(where(e)).toBe('test/fixtures/bad/typo-action.yaml:4:13')
    expect(e.message).toBe('unknown action iam.createUsr: did you mean iam.createUser?')
  })

  it('an undefined capture', async () => {
    const e = await only(bad('missing-capture.yaml'))
    expect(e.code).toBe('unknown-name')
    expect(where(e)).toBe('test/fixtures/bad/missing-capture.yaml:14:32')
    expect(e.message).toBe('${{ userArn }} is not defined')
    expect(e.frame?.split('\n').slice(-2)).toEqual(['> 14 |             Principal: { AWS: "${{ userArn }}" }', '     |                                ^'])
  })
})
