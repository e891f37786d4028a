import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { ActionDefinition } from './define-action.js'
import { actionNamePattern, sdkOperation } from './names.js'
import {
  checkedActionNames,
  checkedActions,
  dependentsOf,
  isCreateLike,
  isKnownAction,
  listActionNames,
  listActions,
  resolveAction,
  suggestAction,
  sweepableActions,
} from './registry.js'
import { sdkOperations } from './sdk-operations.js'
import { sampleInput } from './testing/samples.js'

describe('registry', () => {
  it('has unique, well-formed names that map to SDK operations and their command class', () => {
    const names = checkedActions.map((a) => a.name)
    expect(new Set(names).size).toBe(names.length)
    for (const action of checkedActions) {
      expect(action.name).toMatch(actionNamePattern)
      expect(action.name.startsWith(`${action.service}.`)).toBe(true)
      if (action.emulatorOnly) {
        // iamflow's own operations on the emulator: no SDK command behind them.
        expect([action.service, action.command, sdkOperation(action.name)]).toEqual(['iamflow', undefined, undefined])
        continue
      }
      const op = sdkOperation(action.name)
      expect(op, action.name).toBeDefined()
      expect(action.command).toBe(`${op?.operation}Command`)
      expect(action.checked).toBe(true)
      expect(action.description.length).toBeGreaterThan(10)
    }
  })

  it('holds every action the scenario library calls, as a checked action', () => {
    const dir = new URL('../../scenarios/', import.meta.url)
    const used = new Set<string>()
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
      for (const m of readFileSync(new URL(file, dir), 'utf8').matchAll(/\baction: ([a-z0-9]+\.[A-Za-z0-9]+)/g)) used.add(m[1]!)
    }
    expect(used.size).toBeGreaterThan(10)
    expect([...used].filter((name) => resolveAction(name)?.checked !== true)).toEqual([])
  })

  it('registers every action defined under src/actions/<service>/ (a forgotten index entry fails here)', async () => {
    const registered = new Set(checkedActions)
    for (const service of ['iam', 'sts', 's3']) {
      const dir = new URL(`./${service}/`, import.meta.url)
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
        const mod = (await import(new URL(file, dir).href)) as Record<string, unknown>
        for (const value of Object.values(mod)) {
          if (isDefinition(value)) expect(registered.has(value), `${service}/${file}: ${value.name}`).toBe(true)
        }
      }
    }
  })

  it('declares undoActions exactly when it has an undo, naming checked actions', () => {
    for (const action of checkedActions) {
      expect(action.undo === undefined, action.name).toBe(action.undoActions === undefined)
      for (const name of action.undoActions ?? []) expect(resolveAction(name)?.checked, `${action.name} -> ${name}`).toBe(true)
    }
  })
})

/**
 * Everything iamflow knows about an operation lives on its definition (conventions, habit 11).
 * These walk the registry, so a new action missing a piece fails here, naming it.
 */
describe('what every checked action must say about itself', () => {
  const gaps = (check: (a: ActionDefinition) => string | undefined) =>
    checkedActions.flatMap((a) => {
      const gap = check(a)
      return gap === undefined ? [] : [`${a.name}: ${gap}`]
    })

  it('whether it only reads, or what it changes (for propagation waits)', () => {
    expect(gaps((a) => ((a.readOnly === true) === (a.changes === undefined) ? undefined : 'needs exactly one of readOnly: true or changes: [...]'))).toEqual([])
    expect(gaps((a) => (a.readOnly && (a.creates || a.undo) ? 'a read-only action creates nothing and has no undo' : undefined))).toEqual([])
  })

  it('a create-like action: undo, recovery, dependents, taggable, changes', () => {
    expect(
      gaps((a) => {
        if (!a.creates) return undefined
        const missing = [
          a.undo === undefined && 'undo',
          a.recover === undefined && "recover ('from-input' or a hook)",
          a.dependents === undefined && "dependents (a resolver, or 'none')",
          typeof a.taggable !== 'boolean' && 'taggable (true or false)',
          a.changes === undefined && 'changes',
        ].filter(Boolean)
        return missing.length > 0 ? `lacks ${missing.join(', ')}` : undefined
      }),
    ).toEqual([])
  })

  it('any action with an undo says how to recover what an interrupted call created', () => {
    expect(gaps((a) => (a.undo && a.recover === undefined ? 'lacks recover' : undefined))).toEqual([])
  })

  it("recovers 'from-input' only when the undo follows from the input alone", () => {
    expect(
      gaps((a) => {
        if (a.recover !== 'from-input') return undefined
        try {
          const undo = a.undo?.(sampleInput(a), {})
          const specs = undo === undefined ? [] : [undo].flat()
          if (specs.length === 0) return undefined
          return specs.every((s) => Object.values(s.input).every((v) => v !== undefined && v !== '')) ? undefined : 'its undo needs the output'
        } catch (err) {
          return `its undo needs the output (${(err as Error).message})`
        }
      }),
    ).toEqual([])
  })

  it('dependents name one of its undo actions, and no undo action has two', () => {
    expect(gaps((a) => (a.dependents && a.dependents !== 'none' && !a.undoActions?.includes(a.dependents.undo) ? `dependents.undo ${a.dependents.undo} is not an undo action` : undefined))).toEqual([])
    const undos = checkedActions.flatMap((a) => (a.dependents && a.dependents !== 'none' ? [a.dependents.undo] : []))
    expect(new Set(undos).size).toBe(undos.length)
    for (const undo of undos) expect(dependentsOf(undo)?.undo).toBe(undo)
  })

  it('taggable only with a Tags member and a sweep that undoes with one of its undo actions', () => {
    expect(
      gaps((a) => {
        if (a.taggable !== true) return a.sweep ? 'has a sweep but is not taggable' : undefined
        const props = (a.input.properties ?? {}) as Record<string, unknown>
        if (!('Tags' in props)) return 'taggable, but its input has no Tags'
        if (!a.sweep) return 'taggable, but has no sweep (cleanup --by-tag could not find it)'
        const undo = a.sweep.undo({ UserName: 'u', RoleName: 'r', Arn: 'arn:aws:iam::123456789012:policy/p' })
        return a.undoActions?.includes(undo.action) ? undefined : `sweep undoes with ${undo.action}, not one of its undo actions`
      }),
    ).toEqual([])
    expect(sweepableActions().map((a) => a.name)).toEqual(checkedActions.filter((a) => a.taggable).map((a) => a.name))
  })

  it('the pass-through (unchecked) actions decide by verb', () => {
    expect(resolveAction('iam.createServiceSpecificCredential')).toMatchObject({ checked: false, creates: true, taggable: false, changes: ['permissions'] })
    expect(resolveAction('iam.listInstanceProfiles')).toMatchObject({ readOnly: true, creates: false })
  })
})

function isDefinition(value: unknown): value is ActionDefinition {
  return typeof value === 'object' && value !== null && typeof (value as ActionDefinition).name === 'string' && typeof (value as ActionDefinition).run === 'function'
}

describe('pass-through actions', () => {
  it('resolves any other SDK operation as an unchecked action', () => {
    const action = resolveAction('iam.getAccountPasswordPolicy')
    expect(action).toMatchObject({
      name: 'iam.getAccountPasswordPolicy',
      service: 'iam',
      checked: false,
      creates: false,
      command: 'GetAccountPasswordPolicyCommand',
      input: { type: 'object' },
    })
    expect(action?.output).toBeUndefined()
    expect(action?.undo).toBeUndefined()
    expect(resolveAction('s3.putBucketLifecycleConfiguration')).toMatchObject({ checked: false, creates: true })
    expect(resolveAction('sts.decodeAuthorizationMessage')).toMatchObject({ checked: false, service: 'sts' })
  })

  it('keeps acronyms of operation names (iam.listMFADevices)', () => {
    expect(resolveAction('iam.listMFADevices')?.command).toBe('ListMFADevicesCommand')
    expect(resolveAction('iam.getSAMLProvider')?.command).toBe('GetSAMLProviderCommand')
    expect(resolveAction('iam.listMfaDevices')).toBeUndefined()
  })

  it('rejects names no client has', () => {
    for (const name of ['iam.createRol', 'iam.CreateRole', 'ec2.runInstances', 'createRole', 'iam.', '', 'iam.createRole.x']) {
      expect(resolveAction(name), name).toBeUndefined()
      expect(isKnownAction(name)).toBe(false)
    }
  })

  it('lists every operation of the three clients once', () => {
    const names = listActionNames()
    const own = checkedActions.filter((a) => a.emulatorOnly).length
    const total = sdkOperations.iam.length + sdkOperations.sts.length + sdkOperations.s3.length + own
    expect(names).toHaveLength(total)
    expect(new Set(names).size).toBe(total)
    for (const name of names) expect(name).toMatch(actionNamePattern)
    expect(names).toContain('iam.createRole')
    expect(names).toContain('s3.putBucketVersioning')
    expect(listActionNames({ checkedOnly: true })).toEqual(checkedActionNames())
  })

  it('lists definitions by service, checked first', () => {
    const iam = listActions({ service: 'iam' })
    expect(iam.every((a) => a.service === 'iam' && a.checked)).toBe(true)
    expect(iam.map((a) => a.name)).toEqual(checkedActions.filter((a) => a.service === 'iam').map((a) => a.name).sort((a, b) => a.localeCompare(b)))
    const all = listActions({ includeUnchecked: true })
    expect(all).toHaveLength(listActionNames().length)
    const firstUnchecked = all.findIndex((a) => !a.checked)
    expect(all.slice(firstUnchecked).every((a) => !a.checked)).toBe(true)
    expect(listActions({ service: 'sts', includeUnchecked: true }).map((a) => a.name)).toContain('sts.assumeRoleWithWebIdentity')
  })
})

describe('isCreateLike', () => {
  it.each([
    ['iam.createRole', true],
    ['iam.tagUser', true],
    ['iam.updateAssumeRolePolicy', false],
    ['iam.getRole', false],
    ['iam.createInstanceProfile', true],
    ['iam.addRoleToInstanceProfile', true],
    ['iam.uploadSSHPublicKey', true],
    ['iam.enableMFADevice', true],
    ['s3.putBucketLifecycleConfiguration', true],
    ['s3.copyObject', true],
    ['s3.uploadPart', true],
    ['iam.setSecurityTokenServicePreferences', false],
    ['iam.deleteInstanceProfile', false],
    ['sts.assumeRoleWithSAML', false],
    ['iam.createRol', false],
  ])('%s -> %s', (name, expected) => {
    expect(isCreateLike(name)).toBe(expected)
  })
})

describe('suggestAction', () => {
  it.each([
    ['iam.createRol', 'iam.createRole'],
    ['iam.CreateRole', 'iam.createRole'],
    ['iam.create-role', 'iam.createRole'],
    ['iam.createrole', 'iam.createRole'],
    ['createRole', 'iam.createRole'],
    ['sts.createRole', 'iam.createRole'],
    ['s3.listBucket', 's3.listBuckets'],
    ['sts.asumeRole', 'sts.assumeRole'],
    ['iam.attachRolePolicies', 'iam.attachRolePolicy'],
    ['iam.getAccountPasswordPolcy', 'iam.getAccountPasswordPolicy'],
  ])('%s -> %s', (typo, expected) => {
    expect(suggestAction(typo)).toBe(expected)
  })

  it('suggests nothing for a valid name or a far-off one', () => {
    expect(suggestAction('iam.createRole')).toBeUndefined()
    expect(suggestAction('ec2.runInstances')).toBeUndefined()
    expect(suggestAction('xyzzy')).toBeUndefined()
  })
})
