import { type ChildProcess, spawn } from 'node:child_process'
import { inject } from 'vitest'

/** A spawned `iamflow` process whose output can be awaited line by line. */
export interface Spawned {
  child: ChildProcess
  stdout(): string
  stderr(): string
  /** Resolves when stdout or stderr matches. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>
  /** Resolves with the exit code (or the signal's name). */
  exit: Promise<number | string>
}

/** Spawn the CLI built by test/global-setup.ts, with no TTY and no FORCE_COLOR. */
export function spawnIamflow(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Spawned {
  const env = { ...process.env, ...opts.env }
  delete env.FORCE_COLOR
  const child = spawn(process.execPath, [inject('iamflowCli'), ...args], { cwd: opts.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  const watchers: Array<() => void> = []
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString('utf8')
    for (const w of [...watchers]) w()
  })
  child.stderr!.on('data', (d: Buffer) => {
    err += d.toString('utf8')
    for (const w of [...watchers]) w()
  })
  const exit = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)))
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exit,
    waitFor: (pattern, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const m = out.match(pattern) ?? err.match(pattern)
          if (m) {
            watchers.splice(watchers.indexOf(check), 1)
            clearTimeout(timer)
            resolve(m)
          }
        }
        const timer = setTimeout(() => {
          watchers.splice(watchers.indexOf(check), 1)
          reject(new Error(`timed out waiting for ${pattern}\nstdout:\n${out}\nstderr:\n${err}`))
        }, timeoutMs)
        watchers.push(check)
        check()
        void exit.then(() => setTimeout(check, 0))
      }),
  }
}

/** Run to completion. */
export async function runIamflow(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<{ code: number | string; stdout: string; stderr: string }> {
  const p = spawnIamflow(args, opts)
  const code = await p.exit
  await new Promise((r) => setImmediate(r))
  return { code, stdout: p.stdout(), stderr: p.stderr() }
}
