import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it, vi } from 'vitest'
import { diffRuns } from '../src/engine/records/differential.js'
import { comparable, runEmbedded } from './helpers/embedded-equivalence.js'

/**
 * Every lab in scenarios/ runs on the embedded emulator exactly alike with its IAM, STS and S3
 * calls made in process (the default) and through the SDK over the in-memory handler (signing,
 * XML, every middleware): the same step statuses, answers, decisions, failures, captures, outcome
 * records and teardown, compared as outcome records compare runs (ids, keys, timestamps as
 * placeholders). embedded-direct.test.ts and embedded-direct-s3.test.ts run a few labs of it in
 * the default suite.
 */
const labs = readdirSync('scenarios').filter((f) => /\.ya?ml$/.test(f)).sort()

/** Calls sent through an SDK client, by service (the in-process path sends none). */
const viaSdk = vi.hoisted(() => new Map<string, number>())
vi.mock('../src/actions/sdk-modules.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../src/actions/sdk-modules.js')>()
  return {
    ...actual,
    sendOperation: (...args: Parameters<typeof actual.sendOperation>) => {
      viaSdk.set(args[1], (viaSdk.get(args[1]) ?? 0) + 1)
      return actual.sendOperation(...args)
    },
  }
})

describe('the embedded in-process path runs the library as the SDK path does', () => {
  it.each(labs)('%s', async (file) => {
    viaSdk.clear()
    const sdk = await runEmbedded(`scenarios/${file}`, 'sdk')
    const sdkSends = viaSdk.get('s3') ?? 0
    viaSdk.clear()
    const direct = await runEmbedded(`scenarios/${file}`, 'direct')
    // The direct run made its S3 calls in process (none through the SDK's client), the SDK run through it.
    expect(viaSdk.get('s3') ?? 0).toBe(0)
    if (/action: s3\./.test(readFileSync(`scenarios/${file}`, 'utf8'))) expect(sdkSends).toBeGreaterThan(0)
    expect(diffRuns(sdk, direct).differences).toEqual([])
    expect(comparable(direct)).toStrictEqual(comparable(sdk))
  })
})
