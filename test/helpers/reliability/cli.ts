import { type ChildProcess, spawn } from 'node:child_process'
import { inject } from 'vitest'

/** The CLI built for this test run by test/global-setup.ts. */
export function cliPath(): string {
  return inject('iamflowCli')
}

/** A spawned `iamflow` process: its output so far, a line hook and its exit. */
export interface CliProcess {
  child: ChildProcess
  stdout(): string
  stderr(): string
  /** Called with every complete stdout line, as it arrives. */
  onLine(fn: (line: string) => void): void
  /** Resolves when a line of stdout or stderr matches (rejects on timeout or exit). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>
  /** The exit code, or the signal's name when killed. */
  exit: Promise<number | string>
}

/** Environment without colour or a stray endpoint, plus `env`. */
export function cliEnv(env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' }
  delete base.FORCE_COLOR
  delete base.AWS_ENDPOINT_URL
  delete base.AWS_PROFILE
  return { ...base, ...env }
}

/** Spawn `iamflow ARGS` in `cwd` (no TTY). */
export function spawnCli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliProcess {
  const child = spawn(process.execPath, [cliPath(), ...args], { cwd: opts.cwd, env: cliEnv(opts.env), stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  let partial = ''
  const lineHooks: Array<(line: string) => void> = []
  const watchers = new Set<() => void>()
  child.stdout!.on('data', (d: Buffer) => {
    const text = d.toString('utf8')
    out += text
    partial += text
    const lines = partial.split('\n')
    partial = lines.pop() ?? ''
    for (const line of lines) for (const hook of lineHooks) hook(line)
    for (const w of [...watchers]) w()
  })
  child.stderr!.on('data', (d: Buffer) => {
    err += d.toString('utf8')
    for (const w of [...watchers]) w()
  })
  const exit = new Promise<number | string>((resolve) => child.on('close', (code, signal) => resolve(code ?? signal ?? -1)))
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    onLine: (fn) => void lineHooks.push(fn),
    exit,
    waitFor: (pattern, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const done = (fn: () => void) => {
          watchers.delete(check)
          clearTimeout(timer)
          fn()
        }
        const check = () => {
          const m = out.match(pattern) ?? err.match(pattern)
          if (m) done(() => resolve(m))
        }
        const timer = setTimeout(() => done(() => reject(new Error(`timed out waiting for ${pattern}\nstdout:\n${out}\nstderr:\n${err}`))), timeoutMs)
        watchers.add(check)
        check()
        void exit.then((code) => {
          if (watchers.has(check)) {
            check()
            if (watchers.has(check)) done(() => reject(new Error(`exited (${code}) before ${pattern}\nstdout:\n${out}\nstderr:\n${err}`)))
          }
        })
      }),
  }
}

/** Run `iamflow ARGS` to completion. */
export async function runCli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<{ code: number | string; stdout: string; stderr: string }> {
  const p = spawnCli(args, opts)
  const code = await p.exit
  return { code, stdout: p.stdout(), stderr: p.stderr() }
}
