import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { iamflow } from './cli-helpers.js'

describe('iamflow --version', () => {
  const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version

  it("prints the package's version alone, as yargs prints it with other flags", () => {
    const alone = iamflow(['--version'])
    expect(alone).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' })
    // With another flag the answer comes from yargs: the same text.
    expect(iamflow(['--version', '--debug'])).toEqual(alone)
  })
})
