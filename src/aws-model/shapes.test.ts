import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
// @ts-expect-error: plain JavaScript scripts, no declarations
import { generated } from '../../scripts/gen-aws-shapes.mjs'
// @ts-expect-error: plain JavaScript scripts, no declarations
import { botocoreDataDir, keptModel, SERVICES } from '../../scripts/vendor-aws-models.mjs'
import { fullMatch, inputMember, memberSpecs, modelOperations, modelShape, type ModelService } from './shapes.js'

describe('the generated AWS shapes', () => {
  it('are what scripts/gen-aws-shapes.mjs makes from the kept models (run it after changing models/aws/)', () => {
    for (const { path, text } of generated() as Array<{ path: string; text: string }>) {
      expect(readFileSync(path, 'utf8'), path).toBe(text)
    }
  })

  const dataDir = botocoreDataDir() as string | undefined
  it.skipIf(!dataDir)('keep botocore\'s models without their documentation (node scripts/vendor-aws-models.mjs refreshes them)', () => {
    for (const [service, version] of SERVICES as Array<[string, string]>) {
      const kept = readFileSync(new URL(`../../models/aws/${service}.json`, import.meta.url), 'utf8')
      const fresh = keptModel(dataDir, service, version) as string
      // Only the botocore found here may be newer: compare when its version is the kept one.
      if (JSON.parse(fresh).source !== JSON.parse(kept).source) {
        console.warn(`models/aws/${service}.json: kept from ${JSON.parse(kept).source}; installed is ${JSON.parse(fresh).source}`)
        continue
      }
      expect(kept, service).toBe(fresh)
    }
  })
  if (!dataDir) console.warn('skipped: no botocore installed, so models/aws/ is not compared with it (the generated data still is)')

  it('compile every pattern of every input as a JavaScript regular expression', () => {
    let patterns = 0
    for (const service of ['iam', 'sts', 's3'] as ModelService[]) {
      for (const op of modelOperations(service)) {
        const walk = (specs: ReturnType<typeof memberSpecs>) => {
          for (const s of specs ?? []) {
            if (s.pattern !== undefined) {
              expect(() => fullMatch(s.pattern!), `${service}.${op}.${s.name}`).not.toThrow()
              patterns++
            }
            walk(s.members)
            if (s.member) walk([s.member])
          }
        }
        walk(memberSpecs(service, op))
      }
    }
    expect(patterns).toBeGreaterThan(300)
  })

  it('expand an operation in model order with required flags and the secret members marked', () => {
    expect(memberSpecs('iam', 'CreateLoginProfile')).toEqual([
      { name: 'UserName', required: false, type: 'string', min: 1, max: 64, pattern: '[\\w+=,.@-]+' },
      { name: 'Password', required: false, type: 'string', min: 1, max: 128, pattern: '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+', sensitive: true },
      { name: 'PasswordResetRequired', required: false, type: 'boolean' },
    ])
    expect(inputMember('sts', 'AssumeRole', 'DurationSeconds')).toEqual({ type: 'integer', min: 900, max: 43200 })
    expect(inputMember('sts', 'AssumeRole', 'Nope')).toBeUndefined()
    expect(memberSpecs('iam', 'NoSuchOperation')).toBeUndefined()
    expect(() => modelShape('iam', 'noSuchShape')).toThrow('no shape noSuchShape in the iam model')
  })

  it('read a supplementary-plane range the way the model means it', () => {
    const arn = fullMatch(modelShape('sts', 'arnType').pattern!)
    expect(arn.test('arn:aws:iam::123456789012:role/\u{1F600}')).toBe(true)
    expect(arn.test('arn:aws:iam::123456789012:role/\u0001')).toBe(false)
  })
})
