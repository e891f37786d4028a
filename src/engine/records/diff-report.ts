import type { ScenarioDiff } from './differential.js'

/** The `iamflow diff --json` document. */
export interface DiffReport {
  iamflow: 1
  targets: [string, string]
  scenarios: ScenarioDiff[]
  summary: { scenarios: number; identical: number; different: number; steps: number; differingSteps: number; problems: number }
}

/** Totals over every scenario. */
export function diffReport(targets: [string, string], scenarios: ScenarioDiff[]): DiffReport {
  const differing = scenarios.filter((s) => s.differences.length > 0)
  return {
    iamflow: 1,
    targets,
    scenarios,
    summary: {
      scenarios: scenarios.length,
      identical: scenarios.length - differing.length,
      different: differing.length,
      steps: scenarios.reduce((n, s) => n + s.steps, 0),
      differingSteps: differing.reduce((n, s) => n + s.differences.length, 0),
      problems: scenarios.reduce((n, s) => n + s.runs.filter((r) => r.problem !== undefined).length, 0),
    },
  }
}

/** The human form: per scenario a summary line, then each differing step, field by field. */
export function diffText(report: DiffReport): string {
  const [a, b] = report.targets
  const lines: string[] = [`A = ${a}`, `B = ${b}`, '']
  for (const s of report.scenarios) {
    const n = s.differences.length
    lines.push(`${s.name} (${s.file}): ${n === 0 ? `${s.steps} steps, no difference` : `${n} of ${s.steps} steps differ`}`)
    for (const d of s.differences) {
      lines.push(`  ${d.step}  ${d.action}`)
      for (const f of d.fields) {
        lines.push(`    ${f.field}:`)
        lines.push(`      A  ${f.a}`)
        lines.push(`      B  ${f.b}`)
      }
    }
    s.runs.forEach((r, i) => {
      if (r.problem !== undefined) lines.push(`  ${i === 0 ? 'A' : 'B'}: ${r.problem}`)
    })
  }
  const t = report.summary
  lines.push('', `Scenarios: ${t.identical} identical, ${t.different} with differences (${t.differingSteps} of ${t.steps} steps) on ${a} vs ${b}`)
  return `${lines.join('\n')}\n`
}
