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
    const { listRuns } = await import('../engine/ledger/run-records.js')
    const { records, unreadable } = listRuns(args['runs-dir'])
    // An unreadable ledger may still name resources that exist: said on stderr, exit 1, never skipped silently.
    for (const u of unreadable) process.stderr.write(`warning: run ${u.runId}: its ledger cannot be read (${u.reason}): ${u.path}; what it created may still exist (iamflow cleanup --by-tag ${u.runId} on AWS)\n`)
    if (unreadable.length > 0) process.exitCode = 1
    if (args.json) {
      const rows = records.map(({ state: _state, path, ...r }) => ({ ...r, ledger: path }))
      const bad = unreadable.map((u) => ({ runId: u.runId, status: 'unreadable', reason: u.reason, ledger: u.path }))
      process.stdout.write(`${JSON.stringify([...rows, ...bad], null, 2)}\n`)
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
