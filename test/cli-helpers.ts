import { spawnSync } from 'node:child_process'
import { inject } from 'vitest'

/**
 * Runs the CLI built by test/global-setup.ts (`node <build>/cli/main.js ...`) with no TTY and
 * without FORCE_COLOR, and returns its exit code and output.
 */
export function iamflow(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): { code: number | null; stdout: string; stderr: string } {
  const env = { ...process.env, ...opts.env }
  delete env.FORCE_COLOR
  const res = spawnSync(process.execPath, [inject('iamflowCli'), ...args], { cwd: opts.cwd ?? process.cwd(), env, encoding: 'utf8' })
  return { code: res.status, stdout: res.stdout, stderr: res.stderr }
}
