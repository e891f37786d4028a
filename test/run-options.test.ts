import { describe, expect, it } from 'vitest'
import { resolveAction } from '../src/actions/registry.js'
import { pairReporterOutputs } from '../src/cli/run.js'
import { RUN_ID_TAG, SCENARIO_TAG, withRunTags } from '../src/engine/ledger/run-tags.js'
import { matchesFilter, parseShard, shardFiles } from '../src/engine/suite/scenario-files.js'
import { checkAccount, type RunTarget } from '../src/engine/targets/targets.js'
import { InputError } from '../src/errors.js'

describe('--reporter / --output pairing', () => {
  const argv = (s: string) => s.split(' ')
  it('gives each --output to the reporter named just before it', () => {
    expect(pairReporterOutputs(argv('run x --reporter console --reporter junit --output j.xml --reporter json --output r.json'), ['console', 'junit', 'json'])).toEqual([
      { name: 'console' },
      { name: 'junit', output: 'j.xml' },
      { name: 'json', output: 'r.json' },
    ])
    expect(pairReporterOutputs(argv('run x --reporter=json --output=r.json'), ['json'])).toEqual([{ name: 'json', output: 'r.json' }])
  })
  it('defaults to console on stdout', () => {
    expect(pairReporterOutputs(argv('run x'), [])).toEqual([{ name: 'console' }])
  })
  it('refuses two reporters on stdout and an --output with no reporter', () => {
    expect(() => pairReporterOutputs(argv('run x --reporter json --reporter junit'), ['json', 'junit'])).toThrow('reporters json and junit would both write to stdout')
    expect(() => pairReporterOutputs(argv('run x --output r.json'), [])).toThrow('--output needs a --reporter before it')
  })
})

describe('run tags on real AWS', () => {
  it('adds iamflow:run-id and iamflow:scenario to the creates whose definitions say taggable', () => {
    const createRole = resolveAction('iam.createRole')!
    const input = { RoleName: 'r', Tags: [{ Key: 'team', Value: 'x' }] }
    expect(withRunTags(createRole, input, 'mf3k2j9a-x7q2', 'assume role (lab #1)')).toEqual({
      RoleName: 'r',
      Tags: [
        { Key: 'team', Value: 'x' },
        { Key: RUN_ID_TAG, Value: 'mf3k2j9a-x7q2' },
        { Key: SCENARIO_TAG, Value: 'assume role -lab -1-' },
      ],
    })
    expect(input.Tags).toHaveLength(1)
    expect(withRunTags(resolveAction('iam.createUser')!, { UserName: 'u' }, 'id', 's').Tags).toHaveLength(2)
    expect(withRunTags(resolveAction('iam.createPolicy')!, { PolicyName: 'p', PolicyDocument: {} }, 'id', 's').Tags).toHaveLength(2)
    expect(withRunTags(resolveAction('iam.attachRolePolicy')!, { RoleName: 'r', PolicyArn: 'a' }, 'id', 's')).toEqual({ RoleName: 'r', PolicyArn: 'a' })
  })

  it('never tags what a run only tags: the undo would strip the run tags, and a sweep would delete a resource the run did not create', () => {
    for (const name of ['iam.tagUser', 'iam.tagRole', 'iam.tagPolicy']) {
      const input = { UserName: 'u', RoleName: 'r', PolicyArn: 'a', Tags: [{ Key: 'team', Value: 'x' }] }
      expect(withRunTags(resolveAction(name)!, input, 'mf3k2j9a-x7q2', 's'), name).toBe(input)
    }
  })
})

describe('real-AWS account safety', () => {
  const target = (kind: 'aws' | 'endpoint' | 'embedded') => ({ info: { kind, region: 'us-east-1', account: '111122223333', operatorArn: 'arn:aws:iam::111122223333:user/admin' } }) as RunTarget
  it('refuses AWS unless --account or the scenario names the account', () => {
    expect(() => checkAccount(target('aws'), { file: 's.yaml' })).toThrow(InputError)
    expect(() => checkAccount(target('aws'), { file: 's.yaml' })).toThrow('refusing to run s.yaml against real AWS without naming the account')
    expect(() => checkAccount(target('aws'), { file: 's.yaml' }, '111122223333')).not.toThrow()
    expect(() => checkAccount(target('aws'), { file: 's.yaml', account: '111122223333' })).not.toThrow()
    expect(() => checkAccount(target('aws'), { file: 's.yaml', account: '999999999999' })).toThrow('s.yaml pins account 999999999999, but the credentials act in 111122223333')
  })
  it('needs nothing on the emulator', () => {
    expect(() => checkAccount(target('embedded'), { file: 's.yaml', account: '999999999999' })).not.toThrow()
  })
})

describe('shards and filters', () => {
  it('splits files deterministically whatever their order', () => {
    const files = ['d.yaml', 'a.yaml', 'c.yaml', 'b.yaml', 'e.yaml']
    const shards = [1, 2].map((i) => shardFiles(files, { index: i, count: 2 }, '/'))
    expect(shards).toEqual([
      ['a.yaml', 'c.yaml', 'e.yaml'],
      ['b.yaml', 'd.yaml'],
    ])
    expect(shardFiles([...files].reverse(), { index: 2, count: 2 }, '/')).toEqual(['b.yaml', 'd.yaml'])
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 })
    expect(() => parseShard('4/3')).toThrow('--shard 4/3 is not i/n with 1 <= i <= n')
  })
  it('filters by name or file, substring or /regex/', () => {
    expect(matchesFilter('assume', { name: 'assume-role', file: 'x.yaml' })).toBe(true)
    expect(matchesFilter('/^ASSUME/i', { name: 'assume-role', file: 'x.yaml' })).toBe(true)
    expect(matchesFilter('boundary', { name: 'assume-role', file: 'scenarios/assume-role.yaml' })).toBe(false)
  })
})
