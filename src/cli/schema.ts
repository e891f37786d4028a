import { readFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { CommandModule } from 'yargs'

interface SchemaArgs {
  write?: boolean
}

/** Where the published schema lives: `<package>/schema/scenario.schema.json`. */
export const schemaFile = join(packageRoot(), 'schema', 'scenario.schema.json')

/** The iamflow package's directory: the nearest ancestor with iamflow's package.json. */
function packageRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url))
  for (let dir = here; ; dir = dirname(dir)) {
    try {
      if ((JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name === 'iamflow') return dir
    } catch {
      // no package.json here
    }
    if (dirname(dir) === dir) return join(here, '..', '..')
  }
}

/** The schema as checked in: 2-space JSON with a final newline. */
export async function scenarioSchemaText(): Promise<string> {
  const { buildScenarioSchema } = await import('../scenario/schema.js')
  return `${JSON.stringify(buildScenarioSchema(), null, 2)}\n`
}

/** `iamflow schema [--write]`: print the scenario JSON Schema, or regenerate the checked-in file. */
export const schemaCommand: CommandModule<object, SchemaArgs> = {
  command: 'schema',
  describe: 'Print the scenario JSON Schema (generated from the action registry)',
  builder: (y) =>
    y
      .option('write', { type: 'boolean', describe: `Write it to schema/scenario.schema.json of the iamflow package instead` })
      .example('$0 schema > scenario.schema.json', 'save it for an editor')
      .example('$0 schema --write', 'regenerate the checked-in file (npm run schema)') as never,
  handler: async (args) => {
    const text = await scenarioSchemaText()
    if (!args.write) {
      process.stdout.write(text)
      return
    }
    await writeFile(schemaFile, text)
    process.stdout.write(`wrote ${schemaFile}\n`)
  },
}
