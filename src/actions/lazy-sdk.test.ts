import { describe, expect, it, vi } from 'vitest'
import { withSdkCall } from './sdk-modules.js'

// Record when an SDK package is first imported: the registry must not import any of them.
const loaded = vi.hoisted(() => new Set<string>())
vi.mock('@aws-sdk/client-iam', async (original) => (loaded.add('iam'), original()))
vi.mock('@aws-sdk/client-sts', async (original) => (loaded.add('sts'), original()))
vi.mock('@aws-sdk/client-s3', async (original) => (loaded.add('s3'), original()))

describe('registry import cost', () => {
  it('loads no SDK package until an action runs', async () => {
    const registry = await import('./registry.js')
    registry.listActions({ includeUnchecked: true })
    registry.resolveAction('iam.getAccountPasswordPolicy')
    registry.suggestAction('iam.createRol')
    expect([...loaded]).toEqual([])

    const sent: string[] = []
    const client = { send: async (cmd: object) => (sent.push(cmd.constructor.name), { $metadata: {} }) }
    await registry.resolveAction('sts.getCallerIdentity')?.run({ clients: withSdkCall({ iam: client, sts: client, s3: client } as any) }, {})
    expect([...loaded]).toEqual(['sts'])
    expect(sent).toEqual(['GetCallerIdentityCommand'])
  })
})
