// The stdout table: one row per check, grouped by benchmark.

function cell(v) {
  return v === undefined || v === null ? '' : String(v)
}

function formatValue(c) {
  if (c.status === 'skipped') return 'skipped'
  return `${c.value} ${c.unit}`
}

function profileLine(p) {
  const b = p.buckets.slice(0, 5).map((x) => `${x.name} ${x.pct}%`).join(', ')
  const f = p.functions.filter((x) => !x.name.startsWith('(')).slice(0, 3).map((x) => `${x.name.split(' ')[0]} (${x.name.split(' ').slice(1).join(' ')}) ${x.pct}%`).join(', ')
  return `${b}; top functions: ${f}`
}

/** Render the results as a fixed-width text table with notes under it. */
export function renderTable(results) {
  const rows = [['#', 'benchmark / check', 'measured', 'baseline (same run)', 'target', 'result']]
  const notes = []
  for (const r of results) {
    if (r.error) {
      rows.push([String(r.n), `${r.title}`, '', '', r.target, 'ERROR'])
      notes.push(`${r.n}. error: ${r.error.split('\n')[0]}`)
      continue
    }
    rows.push([String(r.n), r.title, '', '', '', r.status.toUpperCase()])
    for (const c of r.checks) {
      rows.push(['', `  ${c.name}`, formatValue(c), cell(c.baseline), `${c.op} ${c.target} ${c.unit}`, c.status === 'skipped' ? 'skip' : c.status])
      if (c.status === 'skipped') notes.push(`${r.n}. ${c.name}: skipped, ${c.reason}`)
      if (c.status === 'fail') notes.push(`${r.n}. ${c.name}: missed by ${c.missBy}`)
    }
    for (const n of r.notes ?? []) notes.push(`${r.n}. ${n}`)
    if (r.profile) notes.push(`${r.n}. profile (self time, ${r.profile.busyMs} ms sampled): ${profileLine(r.profile)}`)
  }
  const widths = rows[0].map((_, i) => Math.min(i === 1 ? 60 : 40, Math.max(...rows.map((row) => row[i].length))))
  const line = (row) => row.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()
  const out = [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)]
  if (notes.length) out.push('', 'notes:', ...notes.map((n) => `  ${n}`))
  return out.join('\n')
}
