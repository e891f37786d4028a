import { type CliProcess, spawnCli } from './cli.js'

/** Credentials as the SDK takes them. */
export interface Creds {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
}

/** A running `iamflow serve` (spawned, loopback, a free port chosen by the OS). */
export interface Served {
  url: string
  /** The root credentials serve printed as export lines. */
  root: Creds
  region: string
  process: CliProcess
  /** Environment for a CLI run against this server (root credentials, region, no colour). */
  env: NodeJS.ProcessEnv
  /** Everything serve printed (banner and request log). */
  log(): string
  /** SIGTERM (state saved) or SIGKILL; resolves with the exit code or signal name. */
  stop(signal?: NodeJS.Signals): Promise<number | string>
}

/** Start `iamflow serve --port 0 [--state FILE] [--faults SPEC] ...` and read what it prints. */
export async function startServe(opts: { cwd: string; state?: string; faults?: string; quiet?: boolean; args?: string[] }): Promise<Served> {
  const args = ['serve', '--port', '0', '--host', '127.0.0.1']
  if (opts.state) args.push('--state', opts.state)
  if (opts.faults) args.push('--faults', opts.faults)
  if (opts.quiet) args.push('--quiet')
  args.push(...(opts.args ?? []))
  const p = spawnCli(args, { cwd: opts.cwd })
  try {
    await p.waitFor(/^export AWS_REGION=.*\n/m, 30_000)
  } catch (err) {
    p.child.kill('SIGKILL')
    throw err
  }
  const out = p.stdout()
  const value = (name: string) => {
    const m = new RegExp(`^export ${name}=(\\S+)`, "m").exec(out)
    if (!m) throw new Error(`serve did not print ${name}:\n${out}`)
    return m[1]
  }
  const url = value('AWS_ENDPOINT_URL')
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(url)) throw new Error(`serve is not on loopback: ${url}`)
  const root = { accessKeyId: value('AWS_ACCESS_KEY_ID'), secretAccessKey: value('AWS_SECRET_ACCESS_KEY') }
  const region = value('AWS_REGION')
  let stopped: Promise<number | string> | undefined
  return {
    url,
    root,
    region,
    process: p,
    env: { AWS_ACCESS_KEY_ID: root.accessKeyId, AWS_SECRET_ACCESS_KEY: root.secretAccessKey, AWS_REGION: region, NO_COLOR: '1' },
    log: () => p.stdout() + p.stderr(),
    stop: (signal = 'SIGTERM') => {
      if (!stopped) {
        p.child.kill(signal)
        stopped = p.exit
      }
      return stopped
    },
  }
}
