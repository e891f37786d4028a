import { describe, expect, it } from 'vitest'
import yargs from 'yargs'
import { skipHelpCache } from './help-cache.js'

function cli(argv: string[], ran: string[]) {
  return yargs(argv)
    .scriptName('iamflow')
    .strict()
    .help()
    .command({
      command: 'run <paths..>',
      describe: 'Run scenarios',
      builder: (y) => y.positional('paths', { type: 'string', array: true }).option('verbose', { type: 'boolean', describe: 'List every teardown call, and a long description that cliui has to wrap '.repeat(3) }),
      handler: () => {
        ran.push('run')
      },
    })
}

const usageOf = (y: ReturnType<typeof cli>) => (y as unknown as { getInternalMethods(): { getUsageInstance(): { hasCachedHelpMessage(): boolean } } }).getInternalMethods().getUsageInstance()

describe('skipHelpCache', () => {
  it("finds yargs' help cache (a yargs upgrade that moves it makes every command slower to start)", async () => {
    const ran: string[] = []
    const plain = cli(['run', 'a.yaml'], ran)
    await plain.parseAsync()
    expect(usageOf(plain).hasCachedHelpMessage()).toBe(true)

    const patched = cli(['run', 'a.yaml'], ran)
    expect(skipHelpCache(patched)).toBe(true)
    await patched.parseAsync()
    expect(usageOf(patched).hasCachedHelpMessage()).toBe(false)
    expect(ran).toEqual(['run', 'run'])
  })

  it('leaves --help as it was', async () => {
    const helpOf = async (patch: boolean) => {
      const y = cli([], []).exitProcess(false)
      if (patch) skipHelpCache(y)
      let out = ''
      await y.parseAsync(['run', '--help'], {}, (_err, _argv, output) => {
        out = output
      })
      return out
    }
    const before = await helpOf(false)
    expect(before).toContain('List every teardown call')
    expect(await helpOf(true)).toBe(before)
  })
})
