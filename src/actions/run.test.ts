import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import type { ActionDefinition } from './define-action.js'
import { checkedActions, resolveAction } from './registry.js'
import { fakeClients, isPolicyDocumentSchema, sampleInput } from './testing/samples.js'
import type { SentCommand } from './testing/samples.js'
import { withSdkCall } from './sdk-modules.js'

const ajv = new Ajv2020({ strict: true, allErrors: true })

/** The input the SDK command should receive: policy documents given as maps become JSON text. */
function expectedSdkInput(action: ActionDefinition, input: Record<string, unknown>): Record<string, unknown> {
  const props = (action.input.properties ?? {}) as Record<string, Record<string, unknown>>
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(input)) {
    const schema = props[key]
    if (isPolicyDocumentSchema(schema)) out[key] = JSON.stringify(value)
    else if (isPolicyDocumentSchema(schema?.items as Record<string, unknown>)) out[key] = (value as unknown[]).map((v) => JSON.stringify(v))
    else out[key] = value
  }
  return out
}

describe('run', () => {
  it.each(checkedActions.filter((a) => !a.emulatorOnly).map((a) => [a.name, a] as const))('%s sends its SDK command', async (_name, action) => {
    const input = sampleInput(action)
    const validate = ajv.compile(action.input)
    expect(validate(input), JSON.stringify(validate.errors)).toBe(true)
    const sent: SentCommand[] = []
    const controller = new AbortController()
    await action.run({ clients: fakeClients(sent), signal: controller.signal }, input)
    // The action's own command comes last; before it, an action may only read (tag actions read
    // the tags they may overwrite, so their undo can restore them).
    expect(sent.at(-1)).toEqual({ command: action.command, input: expectedSdkInput(action, input) })
    for (const before of sent.slice(0, -1)) expect(before.command).toMatch(/^(List|Get)[A-Za-z]+Command$/)
    for (const value of Object.values(sent.at(-1)!.input)) expect(typeof value === 'object' && value !== null && 'Statement' in value).toBe(false)
  })

  it('passes the abort signal to the client', async () => {
    const seen: unknown[] = []
    const client = { send: async (_cmd: unknown, options: { abortSignal?: AbortSignal }) => (seen.push(options.abortSignal), { $metadata: {} }) }
    const controller = new AbortController()
    await resolveAction('sts.getCallerIdentity')?.run({ clients: withSdkCall({ iam: client, sts: client, s3: client } as any), signal: controller.signal }, {})
    await resolveAction('iam.getAccountPasswordPolicy')?.run({ clients: withSdkCall({ iam: client, sts: client, s3: client } as any), signal: controller.signal }, {})
    expect(seen).toEqual([controller.signal, controller.signal])
  })

  it('sends a JSON string document untouched', async () => {
    const sent: SentCommand[] = []
    const text = '{"Version":"2012-10-17","Statement":[]}'
    await resolveAction('iam.putUserPolicy')?.run({ clients: fakeClients(sent) }, { UserName: 'alice', PolicyName: 'p', PolicyDocument: text })
    expect(sent[0].input.PolicyDocument).toBe(text)
  })

  it('sends a pass-through action input as written', async () => {
    const sent: SentCommand[] = []
    const input = { MinimumPasswordLength: 14, RequireSymbols: true }
    await resolveAction('iam.updateAccountPasswordPolicy')?.run({ clients: fakeClients(sent) }, input)
    expect(sent).toEqual([{ command: 'UpdateAccountPasswordPolicyCommand', input }])
  })
})

describe('output decoding', () => {
  const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:user/alice' }, Action: 'sts:AssumeRole' }] }
  const encoded = encodeURIComponent(JSON.stringify(trust))

  it('decodes the trust policy of getRole, createRole and listRoles', async () => {
    const respond = () => ({ $metadata: {}, Role: { RoleName: 'reader', AssumeRolePolicyDocument: encoded }, Roles: [{ RoleName: 'reader', AssumeRolePolicyDocument: encoded }] })
    const ctx = { clients: fakeClients([], respond) }
    const got = await resolveAction('iam.getRole')?.run(ctx, { RoleName: 'reader' })
    expect(got.Role.AssumeRolePolicyDocument.Statement[0].Effect).toBe('Allow')
    expect(got.Role.AssumeRolePolicyDocument).toEqual(trust)
    const created = await resolveAction('iam.createRole')?.run(ctx, { RoleName: 'reader', AssumeRolePolicyDocument: trust })
    expect(created.Role.AssumeRolePolicyDocument).toEqual(trust)
    const listed = await resolveAction('iam.listRoles')?.run(ctx, {})
    expect(listed.Roles[0].AssumeRolePolicyDocument).toEqual(trust)
  })

  it('decodes policy version and inline policy documents', async () => {
    const respond = () => ({ $metadata: {}, PolicyVersion: { VersionId: 'v1', Document: encoded }, PolicyDocument: encoded, UserName: 'alice', PolicyName: 'p' })
    const ctx = { clients: fakeClients([], respond) }
    const version = await resolveAction('iam.getPolicyVersion')?.run(ctx, { PolicyArn: 'arn:aws:iam::123456789012:policy/p', VersionId: 'v1' })
    expect(version.PolicyVersion).toEqual({ VersionId: 'v1', Document: trust })
    for (const name of ['iam.getUserPolicy', 'iam.getRolePolicy', 'iam.getGroupPolicy']) {
      const got = await resolveAction(name)?.run(ctx, {})
      expect(got.PolicyDocument, name).toEqual(trust)
      expect(got.PolicyName).toBe('p')
    }
  })

  it('parses the bucket policy and reads an object body as text', async () => {
    const respond = (command: string) =>
      command === 'GetBucketPolicyCommand'
        ? { $metadata: {}, Policy: JSON.stringify(trust) }
        : { $metadata: {}, ContentType: 'text/plain', Body: { transformToString: async () => 'hello' } }
    const ctx = { clients: fakeClients([], respond) }
    expect((await resolveAction('s3.getBucketPolicy')?.run(ctx, { Bucket: 'b' })).Policy).toEqual(trust)
    expect(await resolveAction('s3.getObject')?.run(ctx, { Bucket: 'b', Key: 'k' })).toEqual({ $metadata: {}, ContentType: 'text/plain', Body: 'hello' })
  })
})

describe('iam.createPolicyVersion with SetAsDefault', () => {
  const arn = 'arn:aws:iam::123456789012:policy/p'
  it('reads the current default first and reports it', async () => {
    const sent: SentCommand[] = []
    const respond = (command: string) =>
      command === 'GetPolicyCommand'
        ? { $metadata: {}, Policy: { Arn: arn, DefaultVersionId: 'v1' } }
        : { $metadata: {}, PolicyVersion: { VersionId: 'v2', IsDefaultVersion: true } }
    const action = resolveAction('iam.createPolicyVersion')
    const input = { PolicyArn: arn, PolicyDocument: { Version: '2012-10-17', Statement: [] }, SetAsDefault: true }
    const output = await action?.run({ clients: fakeClients(sent, respond) }, input)
    expect(sent.map((s) => s.command)).toEqual(['GetPolicyCommand', 'CreatePolicyVersionCommand'])
    expect(output.PreviousDefaultVersionId).toBe('v1')
    expect(action?.undo?.(input, output)).toEqual([
      { action: 'iam.setDefaultPolicyVersion', input: { PolicyArn: arn, VersionId: 'v1' } },
      { action: 'iam.deletePolicyVersion', input: { PolicyArn: arn, VersionId: 'v2' } },
    ])
  })

  it('lets the create report the error when the read is refused', async () => {
    const sent: SentCommand[] = []
    const respond = (command: string) => {
      if (command === 'GetPolicyCommand') throw Object.assign(new Error('denied'), { name: 'AccessDenied' })
      throw Object.assign(new Error('Policy arn was not found.'), { name: 'NoSuchEntity' })
    }
    const run = resolveAction('iam.createPolicyVersion')?.run({ clients: fakeClients(sent, respond) }, { PolicyArn: arn, PolicyDocument: '{}', SetAsDefault: true })
    await expect(run).rejects.toMatchObject({ name: 'NoSuchEntity' })
    expect(sent.map((s) => s.command)).toEqual(['GetPolicyCommand', 'CreatePolicyVersionCommand'])
  })
})

describe('timestamps', () => {
  it('sends ISO-8601 text as a Date, which the SDK formats per protocol', async () => {
    const sent: SentCommand[] = []
    const respond = () => ({ $metadata: {}, Body: { transformToString: async () => '' } })
    await resolveAction('s3.getObject')?.run({ clients: fakeClients(sent, respond) }, { Bucket: 'b', Key: 'k', IfModifiedSince: '2024-01-01T00:00:00Z' })
    await resolveAction('s3.putObject')?.run({ clients: fakeClients(sent) }, { Bucket: 'b', Key: 'k', Body: 'x', ObjectLockRetainUntilDate: '2030-01-01' })
    expect(sent[0].input.IfModifiedSince).toEqual(new Date('2024-01-01T00:00:00Z'))
    expect(sent[1].input.ObjectLockRetainUntilDate).toEqual(new Date('2030-01-01T00:00:00Z'))
    expect(sent[1].input.Body).toBe('x')
  })
})

describe('pass-through output', () => {
  it('reads a streamed Body as text and leaves other outputs alone', async () => {
    const respond = (command: string) =>
      command === 'GetObjectTorrentCommand' ? { $metadata: {}, Body: { transformToString: async () => 'd8:announce' } } : { $metadata: {}, Versions: [] }
    const ctx = { clients: fakeClients([], respond) }
    expect(await resolveAction('s3.getObjectTorrent')?.run(ctx, { Bucket: 'b', Key: 'k' })).toEqual({ $metadata: {}, Body: 'd8:announce' })
    expect(await resolveAction('s3.listObjectVersions')?.run(ctx, { Bucket: 'b' })).toEqual({ $metadata: {}, Versions: [] })
  })
})
