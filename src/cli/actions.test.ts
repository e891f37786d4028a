import { afterEach, describe, expect, it, vi } from 'vitest'
import { resolveAction } from '../actions/registry.js'
import { actionRow, actionsCommand, formatActionsTable } from './actions.js'
import type { ActionRow } from './actions.js'

async function runHandler(args: Record<string, unknown>): Promise<string> {
  let out = ''
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true))
  await actionsCommand.handler({ _: [], $0: 'iamflow', ...args } as never)
  return out
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('iamflow actions', () => {
  it('describes an action as a row', () => {
    expect(actionRow(resolveAction('iam.createAccessKey')!, true)).toEqual({
      name: 'iam.createAccessKey',
      service: 'iam',
      checked: true,
      creates: true,
      undo: ['iam.deleteAccessKey'],
      identity: true,
      command: 'CreateAccessKeyCommand',
      emulated: true,
      description: 'Create an access key for a user (the caller when UserName is omitted); the output gives an identity.',
      input: resolveAction('iam.createAccessKey')!.input,
      output: ['AccessKey', 'AccessKey.UserName', 'AccessKey.AccessKeyId', 'AccessKey.Status', 'AccessKey.SecretAccessKey', 'AccessKey.CreateDate'],
    })
    expect(actionRow(resolveAction('s3.putBucketWebsite')!, false)).toMatchObject({ checked: false, creates: true, undo: [], emulated: false })
  })

  it('aligns the table and flags unchecked creators', () => {
    const rows: ActionRow[] = [
      { name: 'iam.createRole', service: 'iam', checked: true, creates: true, undo: ['iam.deleteRole'], identity: false, command: 'CreateRoleCommand', emulated: true, description: 'Create a role.', input: {}, output: [] },
      { name: 's3.putBucketVersioning', service: 's3', checked: false, creates: true, undo: [], identity: false, command: 'PutBucketVersioningCommand', emulated: false, description: 'Pass-through.', input: {}, output: [] },
    ]
    expect(formatActionsTable(rows)).toBe(
      'ACTION                  SERVICE  INPUT      EMULATED  CREATES  UNDO            DESCRIPTION\n' +
        'iam.createRole          iam      checked    yes       yes      iam.deleteRole  Create a role.\n' +
        's3.putBucketVersioning  s3       unchecked  no        yes      needs undo:     Pass-through.\n',
    )
  })

  it('prints the checked actions of one service with a count of the rest', async () => {
    const out = await runHandler({ service: 'sts' })
    const lines = out.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^ACTION +SERVICE +INPUT +EMULATED +CREATES +UNDO +DESCRIPTION$/)
    expect(lines.slice(1, 8).map((l) => l.split(' ')[0])).toEqual(['sts.assumeRole', 'sts.assumeRoleWithSAML', 'sts.assumeRoleWithWebIdentity', 'sts.getAccessKeyInfo', 'sts.getCallerIdentity', 'sts.getFederationToken', 'sts.getSessionToken'])
    expect(lines.at(-1)).toMatch(/^7 checked actions; \d+ more SDK operations are reachable unchecked \(--all lists them\)\.$/)
  })

  it('prints JSON rows with --json, every operation with --all', async () => {
    const rows = JSON.parse(await runHandler({ json: true, all: true, service: 's3' })) as ActionRow[]
    expect(rows.every((r) => r.service === 's3')).toBe(true)
    expect(rows.find((r) => r.name === 's3.createBucket')).toMatchObject({ checked: true, undo: ['s3.deleteBucket'] })
    expect(rows.find((r) => r.name === 's3.putBucketWebsite')).toMatchObject({ checked: false, creates: true })
  })

  it('--all marks each unchecked operation as emulated or not, from the emulator\'s own tables', async () => {
    const rows = JSON.parse(await runHandler({ json: true, all: true, service: 'iam' })) as ActionRow[]
    expect(rows.find((r) => r.name === 'iam.getAccountPasswordPolicy')).toMatchObject({ checked: false, emulated: true })
    expect(rows.find((r) => r.name === 'iam.createServiceLinkedRole')).toMatchObject({ checked: false, emulated: true })
    expect(rows.find((r) => r.name === 'iam.listServerCertificateTags')).toMatchObject({ checked: false, emulated: true })
    expect(rows.find((r) => r.name === 'iam.createRole')).toMatchObject({ checked: true, emulated: true })
    const s3Rows = JSON.parse(await runHandler({ json: true, all: true, service: 's3' })) as ActionRow[]
    expect(s3Rows.find((r) => r.name === 's3.getBucketWebsite')).toMatchObject({ checked: false, emulated: false })
    const text = await runHandler({ all: true, service: 's3' })
    expect(text).toMatch(/^s3\.getBucketWebsite +s3 +unchecked +no +/m)
    expect(text).toMatch(/\d+ of these are not served by the emulator \(EMULATED no\): they run only with --target aws\. See docs\/coverage\.md\./)
  })

  it('--json shows each action\'s input schema, output members and undo (issue 17; the tutorial says so)', async () => {
    const rows = JSON.parse(await runHandler({ json: true, service: 'iam' })) as ActionRow[]
    const createUser = rows.find((r) => r.name === 'iam.createUser')!
    expect(createUser.description).toBe(resolveAction('iam.createUser')!.description)
    expect(createUser.undo).toEqual(['iam.deleteUser'])
    expect(createUser.input).toMatchObject({ type: 'object', required: ['UserName'] })
    expect(Object.keys((createUser.input as { properties: object }).properties)).toEqual(expect.arrayContaining(['UserName', 'Path', 'PermissionsBoundary', 'Tags']))
    expect(createUser.output).toEqual(expect.arrayContaining(['User', 'User.Arn', 'User.UserName', 'User.Tags[*].Key']))
    expect(createUser.output).not.toContain('$metadata')
    const key = rows.find((r) => r.name === 'iam.createAccessKey')!
    expect(key.output).toEqual(expect.arrayContaining(['AccessKey.AccessKeyId', 'AccessKey.SecretAccessKey']))
  })
})
