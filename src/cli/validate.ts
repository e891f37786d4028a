import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { CommandModule } from 'yargs'
import type { Scenario } from '../scenario/types.js'
import { ExitCode, IamflowError } from '../errors.js'
import { formatIamflowError } from './fatal.js'

interface ValidateArgs {
  files: string[]
  target?: CoverageTarget
}

/** Where a scenario will run, for the coverage warnings of validate and plan. */
export type CoverageTarget = 'embedded' | 'serve' | 'aws'

/** The `--target` option of validate and plan. */
export const coverageTargetOption = {
  choices: ['embedded', 'serve', 'aws'] as const,
  default: 'embedded' as const,
  describe: 'Where it will run: the embedded emulator (default) or iamflow serve warn about steps the emulator does not serve; aws does not',
}

/** Warn (stderr) about each step whose operation the emulator does not serve, unless the target is AWS. */
export async function warnUnserved(scenario: Scenario, target: CoverageTarget | undefined): Promise<void> {
  if (target === 'aws') return
  const { unservedSteps, unservedWarning } = await import('../engine/plan/unserved.js')
  for (const step of unservedSteps(scenario)) process.stderr.write(unservedWarning(step))
}

/**
 * `iamflow validate <files..>`: schema and semantic checks of each file, nothing run. Prints
 * `ok <file>` for each valid file and every error of the others; exit 2 if any is invalid.
 * A directory stands for the .yaml/.yml files directly inside it.
 */
export const validateCommand: CommandModule<object, ValidateArgs> = {
  command: 'validate <files..>',
  describe: 'Check scenario files (schema and semantic checks; nothing is run)',
  builder: (y) =>
    y
      .positional('files', { type: 'string', array: true, demandOption: true, describe: 'Scenario files (a directory means its *.yaml files)' })
      .option('target', coverageTargetOption)
      .example('$0 validate scenarios/*.yaml', 'check every scenario')
      .example('$0 validate scenarios/', 'the same, by directory') as never,
  handler: async (args) => {
    const { loadScenarioFile } = await import('../scenario/load.js')
    const { formatWarning, scenarioWarnings } = await import('../scenario/warnings.js')
    let invalid = 0
    for (const file of await expandFiles(args.files)) {
      try {
        const scenario = await loadScenarioFile(file)
        // Warnings do not make a file invalid (IAM would accept it): stderr, exit code unchanged.
        for (const w of scenarioWarnings(scenario)) process.stderr.write(formatWarning(w))
        process.stdout.write(`ok ${file}\n`)
        await warnUnserved(scenario, args.target)
      } catch (err) {
        if (!(err instanceof IamflowError)) throw err
        invalid++
        process.stderr.write(formatIamflowError(err))
      }
    }
    if (invalid > 0) process.exitCode = ExitCode.invalidInput
  },
}

/** Files as given, with each directory replaced by its YAML files (sorted). */
export async function expandFiles(paths: readonly string[]): Promise<string[]> {
  const out: string[] = []
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined)
    if (!info?.isDirectory()) {
      out.push(path)
      continue
    }
    const names = (await readdir(path)).filter((n) => /\.ya?ml$/.test(n)).sort()
    // An empty directory is still reported (as "is a directory") rather than silently passing.
    if (names.length === 0) out.push(path)
    for (const name of names) out.push(join(path, name))
  }
  return out
}
