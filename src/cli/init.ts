import { mkdir, stat, writeFile } from 'node:fs/promises'
import { dirname, join, relative, sep } from 'node:path'
import type { CommandModule } from 'yargs'
import { InputError } from '../errors.js'
import { starterScenario } from '../scenario/starter.js'
import { schemaFile } from './schema.js'

interface InitArgs {
  name: string
}

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,54}$/

/**
 * `iamflow init [name]`: write a starter scenario to scenarios/<name>.yaml (or ./<name>.yaml when
 * there is no scenarios/ directory), with the schema modeline. Never overwrites a file.
 */
export const initCommand: CommandModule<object, InitArgs> = {
  command: 'init [name]',
  describe: 'Write a starter scenario (scenarios/<name>.yaml) to edit into your own lab',
  builder: (y) =>
    y
      .positional('name', { type: 'string', default: 'my-lab', describe: 'Scenario name (letters, digits, ., _, -)' })
      .example('$0 init s3-bucket-policy', 'writes scenarios/s3-bucket-policy.yaml') as never,
  handler: async (args) => {
    const file = await initScenario(args.name, process.cwd())
    process.stdout.write(`wrote ${file}\nnext: edit it, then run \`iamflow validate ${file}\` and \`iamflow plan ${file}\`\n`)
  },
}

/** Writes the starter for `name` under `cwd`; returns the path written (relative to `cwd`). */
export async function initScenario(name: string, cwd: string): Promise<string> {
  if (!NAME_RE.test(name)) {
    throw new InputError('bad-name', `"${name}" cannot name a scenario`, { hint: 'use letters, digits, ., _ or - (start with a letter or digit), e.g. iamflow init assume-role-lab' })
  }
  const inScenarios = await stat(join(cwd, 'scenarios')).then((s) => s.isDirectory(), () => false)
  const rel = inScenarios ? join('scenarios', `${name}.yaml`) : `${name}.yaml`
  const target = join(cwd, rel)
  const schemaRef = relative(dirname(target), schemaFile).split(sep).join('/')
  await mkdir(dirname(target), { recursive: true })
  try {
    await writeFile(target, starterScenario(name, schemaRef), { flag: 'wx' })
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new InputError('file-exists', `${rel} already exists; iamflow init never overwrites a file`, { hint: 'pick another name, or remove the file first' })
    }
    throw err
  }
  return rel
}
