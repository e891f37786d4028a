import type { ActionDefinition, JsonSchema } from '../define-action.js'
import { withSdkCall } from '../sdk-modules.js'

/**
 * Test helpers: a valid sample input for any checked action, built from its schema's required
 * members and one realistic value per member name, and a fake SDK client that records commands.
 */

const account = '123456789012'
const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }] }

/** One realistic value per input member name. */
export const sampleValues: Record<string, unknown> = {
  UserName: 'alice',
  RoleName: 'reader',
  GroupName: 'devs',
  InstanceProfileName: 'web',
  PolicyName: 'list-buckets',
  PolicyArn: `arn:aws:iam::${account}:policy/list-buckets`,
  PolicyDocument: doc,
  AssumeRolePolicyDocument: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:user/alice` }, Action: 'sts:AssumeRole' }],
  },
  AccessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  Status: 'Inactive',
  VersionId: 'v2',
  Tags: [{ Key: 'team', Value: 'blue' }],
  TagKeys: ['team'],
  PermissionsBoundary: `arn:aws:iam::${account}:policy/boundary`,
  Password: 'Correct-Horse-9',
  PolicySourceArn: `arn:aws:iam::${account}:user/alice`,
  ActionNames: ['s3:ListAllMyBuckets'],
  PolicyInputList: [doc],
  RoleArn: `arn:aws:iam::${account}:role/reader`,
  RoleSessionName: 'demo',
  Bucket: 'iamflow-demo-bucket',
  Key: 'notes/a.txt',
  Path: '/',
  PathPrefix: '/',
  VirtualMFADeviceName: 'alice-mfa',
  SerialNumber: `arn:aws:iam::${account}:mfa/alice-mfa`,
  AuthenticationCode1: '123456',
  AuthenticationCode2: '654321',
  AssignmentStatus: 'Any',
  MaxItems: 10,
  DurationSeconds: 900,
  Description: 'made by an iamflow test',
  Policy: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::iamflow-demo-bucket/*' }],
  },
}

/**
 * A sample input for `action`: every required member, and every optional one this file has a
 * value for (so a `run` that drops members is caught). A member this file does not know takes
 * the first of its schema's `examples` (an action's `modelInput(..., { examples })`).
 */
export function sampleInput(action: ActionDefinition): Record<string, unknown> {
  const required = (action.input.required as string[] | undefined) ?? []
  const properties = (action.input.properties as Record<string, JsonSchema> | undefined) ?? {}
  const example = (member: string) => (properties[member]?.examples as unknown[] | undefined)?.[0]
  const input: Record<string, unknown> = {}
  for (const member of required) {
    if (!(member in sampleValues) && example(member) === undefined) throw new Error(`no sample value for ${action.name} member ${member}: give it examples`)
  }
  for (const member of Object.keys(properties)) {
    if (member in sampleValues) input[member] = structuredClone(sampleValues[member])
    else if (required.includes(member)) input[member] = structuredClone(example(member))
  }
  return input
}

/** A command as the fake client saw it. */
export interface SentCommand {
  command: string
  input: Record<string, unknown>
}

/** A client whose `send` records each command and answers with `respond(command)`. */
export function fakeClient(sent: SentCommand[], respond: (command: string, input: Record<string, unknown>) => unknown = () => ({ $metadata: {} })) {
  return {
    send: async (cmd: { constructor: { name: string }; input: Record<string, unknown> }) => {
      sent.push({ command: cmd.constructor.name, input: cmd.input })
      return respond(cmd.constructor.name, cmd.input)
    },
  }
}

/** Fake clients for all three services, sharing one record. */
export function fakeClients(sent: SentCommand[], respond?: (command: string, input: Record<string, unknown>) => unknown): any {
  const client = fakeClient(sent, respond)
  return withSdkCall({ iam: client, sts: client, s3: client } as any)
}

/** Whether a schema fragment is a policy document member (map or JSON text). */
export function isPolicyDocumentSchema(schema: JsonSchema | undefined): boolean {
  const alts = schema?.anyOf as JsonSchema[] | undefined
  return Array.isArray(alts) && alts.some((a) => a.type === 'object') && alts.some((a) => a.type === 'string')
}
