import type { CommandModule } from 'yargs'

interface ExportArgs {
  file: string
  format: 'markdown' | 'sh' | 'mermaid'
  var?: string[]
  'unique-names'?: boolean
}

/** `iamflow export FILE --format markdown|sh|mermaid`: a lab handout, a bash script or a diagram. */
export const exportCommand: CommandModule<object, ExportArgs> = {
  command: 'export <file>',
  describe: 'Write a scenario as a Markdown handout, a runnable AWS CLI bash script, or a Mermaid sequence diagram (nothing runs)',
  builder: (y) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'Scenario file' })
      .option('format', { choices: ['markdown', 'sh', 'mermaid'] as const, default: 'markdown' as const, describe: 'markdown handout, sh script (AWS CLI), or mermaid diagram' })
      .option('var', { type: 'string', array: true, requiresArg: true, describe: 'Override a var: --var name=value (repeatable)' })
      .option('unique-names', { type: 'boolean', describe: 'Names the scenario creates carry a run-scoped suffix: $NAME_SUFFIX in the sh script (a new one each time it runs), <suffix> in the handout' })
      .example('$0 export scenarios/james-s3-readonly.yaml > james.md', 'a handout')
      .example('$0 export lab.yaml --format sh > lab.sh && AWS_ENDPOINT_URL=http://127.0.0.1:4566 bash lab.sh', 'run it with the AWS CLI against iamflow serve') as never,
  handler: async (args) => {
    const [{ loadScenarioFile }, { buildPlan }, exporters] = await Promise.all([import('../scenario/load.js'), import('../engine/plan/plan.js'), import('../export/index.js')])
    // No run id: the plan writes the suffix as <suffix>, which the script turns into $NAME_SUFFIX.
    const plan = buildPlan(await loadScenarioFile(args.file), { vars: args.var ?? [], env: {}, ...(args['unique-names'] !== undefined ? { uniqueNames: args['unique-names'] } : {}) })
    const write = args.format === 'sh' ? exporters.exportSh : args.format === 'mermaid' ? exporters.exportMermaid : exporters.exportMarkdown
    process.stdout.write(write(plan))
  },
}
