import { mkdir, mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { iamflow } from './cli-helpers.js'

const schemaPath = join(process.cwd(), 'schema/scenario.schema.json')

describe('iamflow schema', () => {
  it('prints the generated schema, identical to the checked-in file', async () => {
    const r = iamflow(['schema'])
    expect(r.code).toBe(0)
    expect(r.stdout).toBe(await readFile(schemaPath, 'utf8'))
    expect(JSON.parse(r.stdout).title).toBe('iamflow scenario')
  })
})

describe('iamflow init', () => {
  it('writes ./<name>.yaml when there is no scenarios/ directory; the starter is valid and has the modeline', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'iamflow-init-'))
    const r = iamflow(['init', 'first-lab'], { cwd: dir })
    expect(r.code).toBe(0)
    expect(r.stdout).toBe('wrote first-lab.yaml\nnext: edit it, then run `iamflow validate first-lab.yaml` and `iamflow plan first-lab.yaml`\n')
    const text = await readFile(join(dir, 'first-lab.yaml'), 'utf8')
    expect(text.split('\n')[0]).toBe(`# yaml-language-server: $schema=${relative(dir, schemaPath)}`)
    expect(text).toContain('name: first-lab\n')
    expect(iamflow(['validate', 'first-lab.yaml'], { cwd: dir })).toEqual({ code: 0, stdout: 'ok first-lab.yaml\n', stderr: '' })
    const plan = iamflow(['plan', 'first-lab.yaml'], { cwd: dir })
    expect(plan.code).toBe(0)
    expect(plan.stdout).toContain('iam.putUserPolicy  as operator')
  })

  it('writes scenarios/<name>.yaml when scenarios/ exists, and never overwrites', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'iamflow-init-'))
    await mkdir(join(dir, 'scenarios'))
    expect(iamflow(['init'], { cwd: dir }).stdout).toMatch(/^wrote scenarios\/my-lab\.yaml\n/)
    const text = await readFile(join(dir, 'scenarios/my-lab.yaml'), 'utf8')
    expect(text.split('\n')[0]).toBe(`# yaml-language-server: $schema=${relative(join(dir, 'scenarios'), schemaPath)}`)
    const again = iamflow(['init'], { cwd: dir })
    expect(again.code).toBe(2)
    expect(again.stderr).toBe('error [file-exists]: scenarios/my-lab.yaml already exists; iamflow init never overwrites a file\nhint: pick another name, or remove the file first\n')
    expect(await readFile(join(dir, 'scenarios/my-lab.yaml'), 'utf8')).toBe(text)
  })

  it('refuses a name that cannot name a scenario', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'iamflow-init-'))
    const r = iamflow(['init', '../escape'], { cwd: dir })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^error \[bad-name\]: "\.\.\/escape" cannot name a scenario\n/)
  })

  it('in this repository, the modeline of scenarios/ files points at ../schema/scenario.schema.json', async () => {
    const text = await readFile('scenarios/assume-role.yaml', 'utf8')
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/scenario.schema.json')
    expect(relative(join(process.cwd(), 'scenarios'), schemaPath)).toBe('../schema/scenario.schema.json')
  })
})

describe('--help', () => {
  for (const [command, usage] of [
    ['validate', 'iamflow validate <files..>'],
    ['plan', 'iamflow plan <file>'],
    ['schema', 'iamflow schema'],
    ['init', 'iamflow init [name]'],
  ]) {
    it(`${command} --help`, () => {
      const r = iamflow([command, '--help'])
      expect(r.code).toBe(0)
      expect(r.stdout.split('\n')[0]).toBe(usage)
    })
  }
})
