#!/usr/bin/env node
import { readFileSync } from 'node:fs'
import { reportFatal } from './fatal.js'
import { finishStdio, guardStdio } from './stdio.js'
import { skipHelpCache } from './help-cache.js'

async function main(argv: string[]): Promise<void> {
  // `iamflow --version` alone answers without loading yargs and every command (start-up time).
  // yargs would print the same: the version of the package.json above the entry point, which
  // sits two levels down in dist/ (dist/cli/main.js, the bin's dist/bundle/main.js).
  if (argv.length === 3 && argv[2] === '--version') {
    const version = packageVersion()
    if (version !== undefined) {
      process.stdout.write(`${version}\n`)
      return
    }
  }
  // Loaded here, not at the top: a bundle keeps them out of `--version`'s start-up.
  const [{ default: yargs }, { hideBin }, { commands }] = await Promise.all([import('yargs'), import('yargs/helpers'), import('./commands.js')])
  const cli = yargs(hideBin(argv))
    .scriptName('iamflow')
    .usage('$0 <command> [options]\n\nDeclarative AWS IAM labs: validate, plan, run and tear down YAML scenarios.')
    .option('debug', { type: 'boolean', describe: 'Show stack traces for internal errors', global: true })
    .strict()
    .demandCommand(1, 'Name a command: iamflow --help lists them.')
    .recommendCommands()
    .completion('completion', 'Print a shell completion script (bash/zsh)')
    .help()
    .alias('h', 'help')
    .version()
    .fail((msg, err) => {
      // An Error is ours (a handler failed), except yargs' own YError (an option given no value:
      // "Not enough arguments following: import"), a usage error like a string message.
      if (err instanceof Error && err.name !== 'YError') throw err
      msg = msg || (err?.message ?? '')
      // yargs' recommendCommands reports an unknown command as just "Did you mean X?"
      const unknown = /^Did you mean/.test(msg) ? `unknown command "${hideBin(argv).find((a) => !a.startsWith('-')) ?? ''}". ` : ''
      process.stderr.write(`error: ${unknown}${msg}\nRun "iamflow --help" for usage.\n`)
      process.exit(2)
    })
  for (const command of commands) cli.command(command)
  skipHelpCache(cli)
  await cli.parseAsync()
}

function packageVersion(): string | undefined {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name?: unknown; version?: unknown }
    return pkg.name === 'iamflow' && typeof pkg.version === 'string' ? pkg.version : undefined
  } catch {
    return undefined
  }
}

// `iamflow ... | head`: a reader that leaves early must not crash the command with a stack
// trace (a run still tears down); output lost for another reason makes the command exit 3.
guardStdio()
main(process.argv)
  .catch((err: unknown) => {
    process.exitCode = reportFatal(err, process.argv.includes('--debug'))
  })
  .then(async () => {
    process.exitCode = await finishStdio(Number(process.exitCode ?? 0))
  })
