import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { cliCommandOf, cliName } from './cli-names.js'
import { listActions } from './registry.js'

/** botocore's own xform_name, when python3 with botocore is installed. */
function botocore(names: string[]): string[] | undefined {
  try {
    const out = execFileSync('python3', ['-c', 'import sys, json; from botocore import xform_name; print(json.dumps([xform_name(n, "-") for n in json.load(sys.stdin)]))'], { input: JSON.stringify(names), encoding: 'utf8' })
    return JSON.parse(out) as string[]
  } catch {
    return undefined
  }
}

describe('AWS CLI names from the model', () => {
  it('kebab-cases operations and members as the CLI does', () => {
    expect(cliName('CreateRole')).toBe('create-role')
    expect(cliName('AssumeRolePolicyDocument')).toBe('assume-role-policy-document')
    expect(cliName('ListObjectsV2')).toBe('list-objects-v2')
    expect(cliName('PolicyArn')).toBe('policy-arn')
    expect(cliName('SAMLProviderArn')).toBe('saml-provider-arn')
    expect(cliName('PolicyARNs')).toBe('policy-arns')
    expect(cliCommandOf({ name: 's3.listBuckets', service: 's3', command: 'ListBucketsCommand' })).toEqual(['s3api', 'list-buckets'])
  })

  it("matches botocore's xform_name for every checked action's operation and input member", (ctx) => {
    const names = new Set<string>()
    for (const a of listActions({ includeUnchecked: true })) {
      if (a.command) names.add(a.command.replace(/Command$/, ''))
      const props = (a.input as { properties?: Record<string, unknown> }).properties
      for (const m of Object.keys(props ?? {})) names.add(m)
    }
    const list = [...names]
    const want = botocore(list)
    if (!want) {
      console.warn('skipped: python3 with botocore is not installed')
      ctx.skip()
      return
    }
    expect(list.map(cliName)).toEqual(want)
  })
})
