import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { LineBuffer } from './line-buffer.js'

const turn = () => new Promise<void>((resolve) => setImmediate(resolve))

describe('LineBuffer', () => {
  it('writes the lines of one event-loop turn together, in order, once the turn ends', async () => {
    const writes: string[] = []
    const buffer = new LineBuffer((text) => writes.push(text))
    buffer.push('a\n')
    buffer.push('b\n')
    buffer.push('c\n')
    expect(writes).toEqual([])
    expect(buffer.held).toBe(6)
    await turn()
    expect(writes).toEqual(['a\nb\nc\n'])
    buffer.push('d\n')
    await turn()
    expect(writes).toEqual(['a\nb\nc\n', 'd\n'])
    await turn()
    expect(writes).toHaveLength(2)
  })

  it('writes at once when it holds maxBytes, and on flush(); never holds more than its bound', async () => {
    const writes: string[] = []
    const buffer = new LineBuffer((text) => writes.push(text), 10)
    buffer.push('12345\n')
    expect(writes).toEqual([])
    buffer.push('6789\n') // 11 >= 10
    expect(writes).toEqual(['12345\n6789\n'])
    expect(buffer.held).toBe(0)
    buffer.push('x\n')
    buffer.flush()
    expect(writes).toEqual(['12345\n6789\n', 'x\n'])
    buffer.flush()
    await turn()
    expect(writes).toHaveLength(2)
  })

  it('loses no line when the process crashes in the same turn (the exit flush)', () => {
    const module = pathToFileURL(join(import.meta.dirname, '../../dist/cli/line-buffer.js')).href
    const script = `
      const { LineBuffer } = await import(${JSON.stringify(module)})
      const lines = new LineBuffer((text) => process.stdout.write(text))
      process.on('exit', () => lines.flush())
      for (let i = 1; i <= 3; i++) lines.push('request ' + i + '\\n')
      throw new Error('boom')`
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })
    expect(r.status).not.toBe(0)
    expect(r.stderr).toContain('boom')
    expect(r.stdout).toBe('request 1\nrequest 2\nrequest 3\n')
  })
})
