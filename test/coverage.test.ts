import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { sdkOperations } from '../src/actions/sdk-operations.js'
import { coverageRows, outOfScopeReason, renderCoverageMarkdown, unservedSteps } from '../src/engine/plan/coverage.js'
import { servedOperations } from '../src/emulator/index.js'
import { servedOperationNames } from '../src/emulator/served-operations.generated.js'
import { routedS3Operations, selectS3Operation } from '../src/emulator/services/s3/route.js'
import { loadScenarioText } from '../src/scenario/load.js'

const root = new URL('../', import.meta.url)

describe('published coverage', () => {
  it('the generated list of served operations is what the handler tables serve (validate and plan read it)', () => {
    expect(servedOperationNames, 'run `npm run coverage`').toEqual(servedOperations())
  })

  it('docs/coverage.md is what scripts/gen-coverage.mjs generates', () => {
    expect(readFileSync(new URL('docs/coverage.md', root), 'utf8'), 'run `npm run coverage`').toBe(renderCoverageMarkdown())
  })

  it('classifies every SDK operation once, and serves nothing the SDK clients lack', () => {
    const served = servedOperations()
    for (const service of ['iam', 'sts', 's3'] as const) {
      const rows = coverageRows(service)
      expect(rows.map((r) => r.operation)).toEqual(sdkOperations[service])
      expect(served[service].filter((op) => !(sdkOperations[service] as readonly string[]).includes(op))).toEqual([])
      // An operation that is emulated must not also carry an out-of-scope reason.
      expect(served[service].filter((op) => outOfScopeReason(service, op))).toEqual([])
      for (const r of rows) expect(r.status === 'out-of-scope').toBe(r.reason !== undefined)
    }
    expect(served.iam).toContain('CreateInstanceProfile')
    expect(served.iam).toContain('GetContextKeysForCustomPolicy')
    expect(coverageRows('iam').find((r) => r.operation === 'GenerateOrganizationsAccessReport')).toMatchObject({ status: 'out-of-scope' })
  })

  it("the S3 list is exactly what the router chooses for each operation's HTTP binding", () => {
    const model = JSON.parse(readFileSync(new URL('models/aws/s3.json', root), 'utf8')) as {
      operations: Record<string, { http: { method: string; requestUri: string }; input?: { shape: string } }>
      shapes: Record<string, { members?: Record<string, { location?: string; locationName?: string }>; required?: string[] }>
    }
    const chosen = new Set<string>()
    for (const [name, op] of Object.entries(model.operations)) {
      const [path, qs] = op.http.requestUri.split('?') as [string, string | undefined]
      const query: Array<[string, string]> = (qs ?? '').split('&').filter(Boolean).map((p) => [p.split('=')[0]!, p.split('=')[1] ?? ''])
      const input = op.input ? model.shapes[op.input.shape] : undefined
      let copy = false
      for (const [member, spec] of Object.entries(input?.members ?? {})) {
        if (!input?.required?.includes(member)) continue
        if (spec.location === 'querystring') query.push([spec.locationName!, '1'])
        if (spec.location === 'header' && spec.locationName === 'x-amz-copy-source') copy = true
      }
      const address = { bucket: path.includes('{Bucket}') ? 'b' : undefined, key: path.includes('{Key+}') ? 'k' : undefined, style: 'path' as const }
      try {
        const selected = selectS3Operation(op.http.method, address, query).name
        // PUT with x-amz-copy-source is chosen as PutObject and dispatched by the header inside.
        if (selected === name || (copy && name === 'CopyObject' && selected === 'PutObject')) chosen.add(name)
      } catch {
        // Not routed (NotImplemented / MethodNotAllowed).
      }
    }
    expect([...chosen].sort()).toEqual([...new Set(routedS3Operations.map((o) => o.name))].sort())
  })

  it('finds the steps the emulator cannot answer, with their positions', () => {
    const scenario = loadScenarioText(
      `name: c
steps:
  - id: ok
    action: iam.createInstanceProfile
    input: { InstanceProfileName: p }
  - id: web
    action: s3.getBucketWebsite
    input: { Bucket: b }
`,
      'c.yaml',
    )
    expect(unservedSteps(scenario)).toEqual([{ stepId: 'web', action: 's3.getBucketWebsite', loc: { file: 'c.yaml', line: 6, column: 5 } }])
  })
})
