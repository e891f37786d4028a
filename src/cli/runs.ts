import type { CommandModule } from 'yargs'

interface RunsArgs {
  'runs-dir': string
  json?: boolean
  all?: boolean
}

/** `iamflow runs`: past runs with their status and what each left behind. */
export const runsCommand: CommandModule<object, RunsArgs> = {
  command: 'runs',
  describe: 'List runs (newest last) with their status and leftovers',
  builder: (y) =>
    y
      .option('runs-dir', { type: 'string', default: '.iamflow/runs', describe: 'Where run ledgers are kept' })
      .option('json', { type: 'boolean', describe: 'Print the list as JSON' })
      .option('all', { type: 'boolean', describe: 'Also list what each run left, call by call' }) as never,
  handler: async (args) => {
    const { listRunRecords } = await import('../engine/ledger/run-records.js')
    const records = listRunRecords(args['runs-dir'])
    if (args.json) {
      const rows = records.map(({ state: _state, path, ...r }) => ({ ...r, ledger: path }))
      process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`)
      return
    }
    if (records.length === 0) {
      process.stdout.write(`no runs under ${args['runs-dir']}\n`)
      return
    }
    const rows = records.map((r) => [r.runId, r.startedAt.replace('T', ' ').slice(0, 19), r.status, r.leftovers === 0 ? '-' : String(r.leftovers), where(r.target), r.scenario.name])
    const head = ['RUN ID', 'STARTED (UTC)', 'STATUS', 'LEFT', 'TARGET', 'SCENARIO']
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)))
    const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ')
    let text = `${line(head)}\n`
    for (const [i, row] of rows.entries()) {
      text += `${line(row)}\n`
      if (args.all) for (const p of records[i].pending) text += `    ${p}\n`
    }
    const dirty = records.filter((r) => r.leftovers > 0 && r.status !== 'running')
    if (dirty.length > 0) text += `\n${dirty.length} run${dirty.length === 1 ? '' : 's'} left resources: iamflow cleanup <run-id> (or --all) removes them\n`
    process.stdout.write(text)
  },
}

function where(t: { kind: string; endpoint?: string; statePath?: string; account: string }): string {
  if (t.kind === 'endpoint') return `${t.endpoint}`
  if (t.kind === 'embedded') return t.statePath ? `embedded (${t.statePath})` : 'embedded'
  return `aws ${t.account}`
}
