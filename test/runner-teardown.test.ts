import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ActionCaller, CallResult } from '../src/engine/targets/caller.js'
import { Ledger, type LedgerRecord } from '../src/engine/ledger/ledger.js'
import { ledgerState } from '../src/engine/ledger/ledger-state.js'
import { recoverIntent } from '../src/engine/ledger/recovery.js'
import { teardown } from '../src/engine/ledger/teardown.js'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
const at = '2026-01-01T00:00:01.000Z'
let counter = 0

function newLedger(): Ledger {
  const dir = mkdtempSync(join(tmpdir(), 'iamflow-td-'))
  dirs.push(dir)
  const runId = `aaaaaaaa-${String(++counter).padStart(4, '0')}`
  return Ledger.create(dir, { t: 'run', v: 1, runId, scenario: { name: 's', file: 's.yaml' }, target: { kind: 'embedded', region: 'us-east-1', account: '123456789012' }, startedAt: at, pid: process.pid }, 'deferred')
}

function created(ledger: Ledger, stepId: string, action: string, input: Record<string, unknown>, undo: Array<{ action: string; input: Record<string, unknown> }>): void {
  const intent = ledger.append({ t: 'intent', stepId, action, input, at })
  ledger.append({ t: 'undo', intent, stepId, undo, at })
}

const ok = (output: unknown = {}): CallResult => ({ ok: true, output })
const err = (code: string, status = 400): CallResult => ({ ok: false, outcome: { kind: 'error', code, message: `${code} message`, status, ambiguous: status >= 500 } })

/** A fake AWS: scripted answers per "action input" key, and a log of every call. */
function fakeCaller(script: Record<string, CallResult[] | ((n: number) => CallResult)>) {
  const calls: string[] = []
  const counts = new Map<string, number>()
  const call: ActionCaller = async (action, input) => {
    const key = `${action} ${JSON.stringify(input)}`
    calls.push(key)
    const n = (counts.get(key) ?? 0) + 1
    counts.set(key, n)
    const s = script[key] ?? script[action]
    if (!s) return ok()
    if (typeof s === 'function') return s(n)
    return s[Math.min(n, s.length) - 1]
  }
  return { call, calls }
}

const noRecovery = async () => undefined

describe('teardown', () => {
  it('replays undos last created first and records each as done', async () => {
    const ledger = newLedger()
    created(ledger, 'user', 'iam.createUser', { UserName: 'u' }, [{ action: 'iam.deleteUser', input: { UserName: 'u' } }])
    created(ledger, 'key', 'iam.createAccessKey', { UserName: 'u' }, [{ action: 'iam.deleteAccessKey', input: { UserName: 'u', AccessKeyId: 'AKIA1' } }])
    created(ledger, 'role', 'iam.createRole', { RoleName: 'r' }, [{ action: 'iam.deleteRole', input: { RoleName: 'r' } }])
    created(ledger, 'attach', 'iam.attachRolePolicy', { RoleName: 'r', PolicyArn: 'arn:p' }, [{ action: 'iam.detachRolePolicy', input: { RoleName: 'r', PolicyArn: 'arn:p' } }])
    const { call, calls } = fakeCaller({})
    const result = await teardown({ ledger, records: ledger.records, call, recover: noRecovery })
    expect(calls).toEqual([
      'iam.detachRolePolicy {"RoleName":"r","PolicyArn":"arn:p"}',
      'iam.deleteRole {"RoleName":"r"}',
      'iam.deleteAccessKey {"UserName":"u","AccessKeyId":"AKIA1"}',
      'iam.deleteUser {"UserName":"u"}',
    ])
    expect(result).toMatchObject({ status: 'completed', leftovers: 0 })
    expect(ledgerState(ledger.records).pending).toEqual([])
  })

  it('counts NoSuchEntity and NoSuchBucket as already done', async () => {
    const ledger = newLedger()
    created(ledger, 'b', 's3.createBucket', { Bucket: 'b' }, [{ action: 's3.deleteBucket', input: { Bucket: 'b' } }])
    created(ledger, 'u', 'iam.createUser', { UserName: 'u' }, [{ action: 'iam.deleteUser', input: { UserName: 'u' } }])
    const { call } = fakeCaller({ 'iam.deleteUser': [err('NoSuchEntity', 404)], 's3.deleteBucket': [err('NoSuchBucket', 404)] })
    const result = await teardown({ ledger, records: ledger.records, call, recover: noRecovery })
    expect(result.items.map((i) => [i.action, i.status])).toEqual([
      ['iam.deleteUser', 'gone'],
      ['s3.deleteBucket', 'gone'],
    ])
    expect(result.status).toBe('completed')
  })

  it('removes what blocks a user (keys, login profile, inline and attached policies, groups) on DeleteConflict', async () => {
    const ledger = newLedger()
    created(ledger, 'u', 'iam.createUser', { UserName: 'u' }, [{ action: 'iam.deleteUser', input: { UserName: 'u' } }])
    const { call, calls } = fakeCaller({
      'iam.deleteUser': [err('DeleteConflict', 409), ok()],
      'iam.listAccessKeys': [ok({ AccessKeyMetadata: [{ AccessKeyId: 'AKIA2' }] })],
      'iam.deleteLoginProfile': [err('NoSuchEntity', 404)],
      'iam.listUserPolicies': [ok({ PolicyNames: ['inline1'] })],
      'iam.listAttachedUserPolicies': [ok({ AttachedPolicies: [{ PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }] })],
      'iam.listGroupsForUser': [ok({ Groups: [{ GroupName: 'g' }] })],
      'iam.listMFADevices': [ok({ MFADevices: [] })],
    })
    const result = await teardown({ ledger, records: ledger.records, call, recover: noRecovery })
    expect(calls.map((c) => c.split(' ')[0])).toEqual([
      'iam.deleteUser',
      'iam.listAccessKeys',
      'iam.deleteAccessKey',
      'iam.deleteLoginProfile',
      'iam.listUserPolicies',
      'iam.deleteUserPolicy',
      'iam.listAttachedUserPolicies',
      'iam.detachUserPolicy',
      'iam.listGroupsForUser',
      'iam.removeUserFromGroup',
      'iam.listMFADevices',
      'iam.deleteUser',
    ])
    expect(result.items[0]).toMatchObject({ status: 'done', attempts: 2 })
  })

  it('deletes non-default policy versions before the policy, and lets a default version go with its policy', async () => {
    const ledger = newLedger()
    const arn = 'arn:aws:iam::123456789012:policy/p'
    created(ledger, 'p', 'iam.createPolicy', { PolicyName: 'p' }, [{ action: 'iam.deletePolicy', input: { PolicyArn: arn } }])
    created(ledger, 'v2', 'iam.createPolicyVersion', { PolicyArn: arn, SetAsDefault: true }, [{ action: 'iam.deletePolicyVersion', input: { PolicyArn: arn, VersionId: 'v2' } }])
    const { call, calls } = fakeCaller({
      [`iam.deletePolicyVersion {"PolicyArn":"${arn}","VersionId":"v2"}`]: [err('DeleteConflict', 409)],
      'iam.deletePolicy': [err('DeleteConflict', 409), ok()],
      'iam.listPolicyVersions': [ok({ Versions: [{ VersionId: 'v2', IsDefaultVersion: true }, { VersionId: 'v1', IsDefaultVersion: false }] })],
      'iam.listEntitiesForPolicy': [ok({ PolicyUsers: [], PolicyRoles: [{ RoleName: 'r' }], PolicyGroups: [] })],
    })
    const result = await teardown({ ledger, records: ledger.records, call, recover: noRecovery })
    expect(calls).toEqual([
      `iam.deletePolicyVersion {"PolicyArn":"${arn}","VersionId":"v2"}`,
      `iam.deletePolicy {"PolicyArn":"${arn}"}`,
      `iam.listPolicyVersions {"PolicyArn":"${arn}"}`,
      `iam.deletePolicyVersion {"PolicyArn":"${arn}","VersionId":"v1"}`,
      `iam.listEntitiesForPolicy {"PolicyArn":"${arn}"}`,
      `iam.detachRolePolicy {"PolicyArn":"${arn}","RoleName":"r"}`,
      `iam.deletePolicy {"PolicyArn":"${arn}"}`,
    ])
    // The default version was not deleted by its own undo: the policy's deletion removed it (issue 17).
    expect(result.items.map((i) => i.status)).toEqual(['superseded', 'done'])
  })

  it('empties a bucket before deleting it', async () => {
    const ledger = newLedger()
    created(ledger, 'b', 's3.createBucket', { Bucket: 'b' }, [{ action: 's3.deleteBucket', input: { Bucket: 'b' } }])
    const { call, calls } = fakeCaller({
      's3.deleteBucket': [err('BucketNotEmpty', 409), ok()],
      's3.listObjectsV2': [ok({ Contents: [{ Key: 'a.txt' }, { Key: 'b/c.txt' }], IsTruncated: false })],
      // A versioned bucket: a noncurrent version and a delete marker remain after the objects.
      's3.listObjectVersions': [ok({ Versions: [{ Key: 'a.txt', VersionId: 'v1' }], DeleteMarkers: [{ Key: 'old.txt', VersionId: 'm1' }], IsTruncated: false })],
    })
    await teardown({ ledger, records: ledger.records, call, recover: noRecovery })
    expect(calls).toEqual([
      's3.deleteBucket {"Bucket":"b"}',
      's3.listObjectsV2 {"Bucket":"b"}',
      's3.deleteObject {"Bucket":"b","Key":"a.txt"}',
      's3.deleteObject {"Bucket":"b","Key":"b/c.txt"}',
      's3.listObjectVersions {"Bucket":"b"}',
      's3.deleteObject {"Bucket":"b","Key":"a.txt","VersionId":"v1"}',
      's3.deleteObject {"Bucket":"b","Key":"old.txt","VersionId":"m1"}',
      's3.deleteBucket {"Bucket":"b"}',
    ])
  })

  it('retries other failures, then reports them and keeps them in the ledger', async () => {
    const ledger = newLedger()
    created(ledger, 'u', 'iam.createUser', { UserName: 'u' }, [{ action: 'iam.deleteUser', input: { UserName: 'u' } }])
    created(ledger, 'r', 'iam.createRole', { RoleName: 'r' }, [{ action: 'iam.deleteRole', input: { RoleName: 'r' } }])
    const { call, calls } = fakeCaller({ 'iam.deleteRole': [err('AccessDenied', 403)] })
    const result = await teardown({ ledger, records: ledger.records, call, recover: noRecovery, attempts: 3, minTimeoutMs: 1 })
    expect(calls.filter((c) => c.startsWith('iam.deleteRole'))).toHaveLength(3)
    expect(result.items[0]).toMatchObject({ action: 'iam.deleteRole', status: 'failed', attempts: 3, error: { code: 'AccessDenied' } })
    expect(result.items[1]).toMatchObject({ action: 'iam.deleteUser', status: 'done' })
    expect(result).toMatchObject({ status: 'incomplete', leftovers: 1 })
    expect(ledgerState(ledger.records).pending.map((p) => p.spec.action)).toEqual(['iam.deleteRole'])
  })

  it('stops when its signal aborts (second Ctrl-C) and leaves the rest pending', async () => {
    const ledger = newLedger()
    created(ledger, 'u', 'iam.createUser', { UserName: 'u' }, [{ action: 'iam.deleteUser', input: { UserName: 'u' } }])
    created(ledger, 'r', 'iam.createRole', { RoleName: 'r' }, [{ action: 'iam.deleteRole', input: { RoleName: 'r' } }])
    const abort = new AbortController()
    const { call } = fakeCaller({
      'iam.deleteRole': () => {
        abort.abort()
        return ok()
      },
    })
    const result = await teardown({ ledger, records: ledger.records, call, recover: noRecovery, signal: abort.signal })
    expect(result.items.map((i) => [i.action, i.status])).toEqual([
      ['iam.deleteRole', 'done'],
      ['iam.deleteUser', 'skipped'],
    ])
    expect(result.leftovers).toBe(1)
  })

  it('recovers creates interrupted before their undo was recorded, in creation order', async () => {
    const ledger = newLedger()
    created(ledger, 'user', 'iam.createUser', { UserName: 'u' }, [{ action: 'iam.deleteUser', input: { UserName: 'u' } }])
    ledger.append({ t: 'intent', stepId: 'key', action: 'iam.createAccessKey', input: { UserName: 'u' }, at: new Date().toISOString() })
    const { call, calls } = fakeCaller({
      'iam.listAccessKeys': [ok({ AccessKeyMetadata: [{ AccessKeyId: 'AKIAOLD', CreateDate: new Date('2020-01-01') }, { AccessKeyId: 'AKIANEW', CreateDate: new Date() }] })],
    })
    const result = await teardown({ ledger, records: ledger.records, call, recover: (i) => recoverIntent(i, { call, accountId: '123456789012' }) })
    expect(calls).toEqual(['iam.listAccessKeys {"UserName":"u"}', 'iam.deleteAccessKey {"UserName":"u","AccessKeyId":"AKIANEW"}', 'iam.deleteUser {"UserName":"u"}'])
    expect(result.items[0]).toMatchObject({ action: 'iam.deleteAccessKey', recovered: true, status: 'done' })
    const undo = ledger.records.find((r): r is Extract<LedgerRecord, { t: 'undo' }> => r.t === 'undo' && r.recovered === true)
    expect(undo?.undo).toEqual([{ action: 'iam.deleteAccessKey', input: { UserName: 'u', AccessKeyId: 'AKIANEW' } }])
  })
})

describe('recoverIntent', () => {
  const call: ActionCaller = async () => ok()
  const intent = (action: string, input: Record<string, unknown>) => ({ seq: 1, stepId: 's', action, input, at })

  it('derives undo from the input for creates named by their input', async () => {
    expect(await recoverIntent(intent('iam.createUser', { UserName: 'u' }), { call, accountId: '1' })).toEqual([{ action: 'iam.deleteUser', input: { UserName: 'u' } }])
    expect(await recoverIntent(intent('iam.createRole', { RoleName: 'r', AssumeRolePolicyDocument: {} }), { call, accountId: '1' })).toEqual([{ action: 'iam.deleteRole', input: { RoleName: 'r' } }])
    expect(await recoverIntent(intent('iam.attachRolePolicy', { RoleName: 'r', PolicyArn: 'arn:p' }), { call, accountId: '1' })).toEqual([{ action: 'iam.detachRolePolicy', input: { RoleName: 'r', PolicyArn: 'arn:p' } }])
  })

  it('computes a managed policy ARN from account, path and name', async () => {
    expect(await recoverIntent(intent('iam.createPolicy', { PolicyName: 'p', Path: '/lab/' }), { call, accountId: '123456789012' })).toEqual([
      { action: 'iam.deletePolicy', input: { PolicyArn: 'arn:aws:iam::123456789012:policy/lab/p' } },
    ])
  })
})
