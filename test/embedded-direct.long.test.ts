import { readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { bothWays } from './helpers/embedded-equivalence.js'

/**
 * Every lab in scenarios/ runs on the embedded emulator exactly alike with its IAM and STS calls
 * made in process (the default) and through the SDK over the in-memory handler (signing, XML,
 * every middleware): the same step statuses, answers, decisions, failures, captures, outcome
 * records and teardown, compared as outcome records compare runs (ids, keys, timestamps as
 * placeholders). embedded-direct.test.ts runs a few labs of it in the default suite.
 */
const labs = readdirSync('scenarios').filter((f) => /\.ya?ml$/.test(f)).sort()

describe('the embedded in-process path runs the library as the SDK path does', () => {
  it.each(labs)('%s', async (file) => {
    const { direct, sdk, differences } = await bothWays(`scenarios/${file}`)
    expect(differences).toEqual([])
    expect(direct).toStrictEqual(sdk)
  })
})
