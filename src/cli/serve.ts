import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve as resolvePath } from 'node:path'
import type { CommandModule } from 'yargs'
import { InputError } from '../errors.js'
import { exposureWarning, networkFlags } from './serve-network.js'
import type { EmulatorOptions, RequestLogEntry } from '../emulator/index.js'
import { describeLoad, saveAtShutdown, stateSyncFlag, withStateErrors } from './serve-state.js'
import { LineBuffer } from './line-buffer.js'

interface ServeArgs {
  port: number
  host: string
  account?: string
  accounts: number
  state?: string
  import?: string
  'state-sync'?: string
  'state-compact-bytes'?: number
  'consistency-delay': number
  faults?: string
  region: string
  quota?: string[]
  quiet: boolean
  'max-body'?: string
  'allow-origin'?: string[]
  'allow-host'?: string[]
}

/** One log line per request: method, service:action, principal, decision, status, duration. */
export function formatRequestLog(e: RequestLogEntry): string {
  const action = `${e.service}:${e.action ?? '-'}`
  const decision = e.decision ?? (e.errorCode ? e.errorCode : '-')
  return `${new Date().toISOString()} ${e.method} ${action} ${e.principal ?? '-'} ${decision} ${e.status} ${e.ms.toFixed(1)}ms`
}

/**
 * `iamflow serve`: the emulator over HTTP for the AWS CLI, boto3 and the SDKs. Binds loopback
 * by default, prints the endpoint and the root credentials' export lines (AWS's documented
 * example key, public), logs one line per request. With --state, every change is journaled
 * before it is answered, and a snapshot is saved on SIGINT/SIGTERM (see state/store.ts).
 */
export const serveCommand: CommandModule<object, ServeArgs> = {
  command: 'serve',
  describe: 'Serve the IAM/STS/S3 emulator over HTTP (for the AWS CLI, boto3, SDKs)',
  builder: (y) =>
    y
      .option('port', { type: 'number', default: 4566, describe: 'Port to listen on (0 = any free port)' })
      .option('host', { type: 'string', default: '127.0.0.1', describe: 'Address to bind (loopback by default)' })
      .option('account', { type: 'string', describe: 'Id of the default account (12 digits; default 123456789012)' })
      .option('accounts', { type: 'number', default: 0, describe: 'Extra accounts to create (cross-account labs)' })
      .option('state', { type: 'string', describe: 'State file: loaded at start; every change journaled before it is answered; a snapshot on shutdown' })
      .option('import', { type: 'string', requiresArg: true, describe: 'Start from an account snapshot (iamflow snapshot, or aws iam get-account-authorization-details JSON): the default account is its account, with its users, roles, groups, policies and buckets' })
      .option('state-compact-bytes', { type: 'number', hidden: true, describe: 'Compact when the journal reaches this size (default 16 MiB; small values make crash tests hit compactions)' })
      .option('state-sync', { type: 'string', describe: 'When state writes reach the disk: always (fsync before answering; default), batch[=MS] (group fsync every MS ms, still before answering), none (no fsync: survives a killed process, not a machine crash)' })
      .option('consistency-delay', { type: 'number', default: 0, describe: 'Milliseconds before new keys, roles, trust and attachments take effect' })
      .option('faults', { type: 'string', describe: 'Fault injection, e.g. throttle=0.2,internal=0.05,seed=7[,services=iam+sts][,operations=A+B][,code=X]' })
      .option('region', { type: 'string', default: 'us-east-1', describe: 'Default region' })
      .option('quota', {
        type: 'string',
        array: true,
        describe: 'Raise or lower an account quota, name=N (users 5000, roles 1000, policies 1500, groups 300 by default); repeatable',
      })
      .option('quiet', { type: 'boolean', default: false, describe: 'Do not log requests' })
      .option('max-body', { type: 'string', describe: 'Largest S3 request body accepted, e.g. 64MiB (default), 1GiB; at most 5GiB' })
      .option('allow-origin', { type: 'string', array: true, describe: 'Let a browser page of this origin call serve (CORS), e.g. http://localhost:3000; repeatable' })
      .option('tls', { type: 'boolean', default: false, describe: 'Serve HTTPS with a new self-signed certificate (written to --tls-cert-file; prints the AWS_CA_BUNDLE export); requests then carry aws:SecureTransport=true' })
      .option('tls-cert-file', { type: 'string', describe: 'Where --tls writes its certificate (PEM; default .iamflow/serve-ca.pem, or STATE.ca.pem with --state)' })
      .option('allow-host', { type: 'string', array: true, describe: 'Answer to this Host name (and its subdomains) besides loopback; repeatable' })
      .example('$0 serve', 'listen on http://127.0.0.1:4566')
      .example('$0 serve --accounts 1 --state .iamflow/state.json', 'two accounts, state kept across restarts')
      .example('$0 serve --quota users=20000 --quota roles=20000', 'room for 20,000 users and roles per account')
      .example('$0 serve --import prod-iam.json', "a copy of an account's IAM configuration, from its snapshot")
      .example('$0 serve --tls', 'HTTPS with a self-signed certificate; export the AWS_CA_BUNDLE it prints')
      .example('$0 serve --allow-origin http://localhost:3000', 'let a web app on localhost:3000 call serve from the browser') as never,
  handler: async (args) => {
    // Loaded here, not at the top: every other command starts without the emulator.
    const { createEmulator, EXAMPLE_ROOT_KEY, parseFaultSpec, parseQuotaSpecs, readSnapshotFile } = await import('../emulator/index.js')
    const { startServer } = await import('../emulator/server.js')
    const { normaliseOrigin } = await import('../emulator/http/browser-guard.js')
    const { normaliseAllowedHost } = await import('../emulator/http/bind-address.js')
    const network = networkFlags(args, normaliseOrigin, normaliseAllowedHost)
    if (args.account !== undefined && !/^\d{12}$/.test(args.account)) {
      throw new InputError('SERVE_BAD_ACCOUNT', `--account must be 12 digits, got '${args.account}'`)
    }
    if (!Number.isInteger(args.accounts) || args.accounts < 0 || args.accounts > 100) {
      throw new InputError('SERVE_BAD_ACCOUNTS', '--accounts must be an integer between 0 and 100')
    }
    let faults: EmulatorOptions['faults']
    try {
      faults = args.faults ? parseFaultSpec(args.faults) : undefined
    } catch (err) {
      throw new InputError('SERVE_BAD_FAULTS', (err as Error).message)
    }
    let quotas: EmulatorOptions['quotas']
    try {
      quotas = args.quota?.length ? parseQuotaSpecs(args.quota) : undefined
    } catch (err) {
      throw new InputError('SERVE_BAD_QUOTA', (err as Error).message)
    }
    const stateSync = stateSyncFlag(args['state-sync'])
    if (stateSync && !args.state) throw new InputError('SERVE_BAD_STATE_SYNC', '--state-sync needs --state FILE')
    // A bad snapshot stops serve before it listens (bad-snapshot, exit 2).
    const seed = args.import !== undefined ? { seed: { snapshot: readSnapshotFile(args.import), file: args.import } } : {}
    // The request log is written once per event-loop turn, not once per request; whatever ends
    // the process (exit, signal, crash) writes the lines still held first.
    const logLines = args.quiet ? undefined : new LineBuffer((text) => process.stdout.write(text))
    if (logLines) process.on('exit', () => logLines.flush())
    const log = logLines ? (e: RequestLogEntry) => logLines.push(`${formatRequestLog(e)}\n`) : undefined
    const emulator = withStateErrors(() =>
      createEmulator({
        ...(args.account ? { accountId: args.account } : {}),
        extraAccounts: args.accounts,
        ...(args.state ? { statePath: args.state } : {}),
        ...(stateSync ? { stateSync } : {}),
        ...(args['state-compact-bytes'] ? { stateCompactAfterBytes: args['state-compact-bytes'] } : {}),
        consistencyDelayMs: args['consistency-delay'],
        ...(faults ? { faults } : {}),
        ...(quotas ? { quotas } : {}),
        region: args.region,
        ...(log ? { onRequest: log } : {}),
        ...seed,
      }),
    )
    if (args['tls-cert-file'] !== undefined && !args.tls) throw new InputError('SERVE_BAD_TLS', '--tls-cert-file needs --tls')
    let tls: { cert: string; key: string; file: string } | undefined
    if (args.tls) {
      const { selfSignedCertificate } = await import('../emulator/http/self-signed.js')
      // The key stays in this process; only the certificate (public) is written, for clients to trust.
      const made = selfSignedCertificate({ hosts: network.allowHosts ?? [] })
      const file = resolvePath(String(args['tls-cert-file'] ?? (args.state ? `${args.state}.ca.pem` : join('.iamflow', 'serve-ca.pem'))))
      try {
        mkdirSync(dirname(file), { recursive: true })
        writeFileSync(file, made.cert, { mode: 0o644 })
      } catch (err) {
        throw new InputError('SERVE_BAD_TLS', `cannot write the certificate to ${file}: ${(err as Error).message}`, { hint: 'give a writable path with --tls-cert-file' })
      }
      tls = { ...made, file }
    }
    const running = await startServer(emulator, { port: args.port, host: args.host, ...network, ...(tls ? { tls: { cert: tls.cert, key: tls.key } } : {}) }).catch((err: unknown) => {
      throw bindError(err, args.host, args.port)
    })
    // Judged on the address actually bound: `0`, `::0`, a LAN address or a name all count.
    if (!running.loopbackOnly) process.stderr.write(exposureWarning(running.address))
    const root = emulator.root
    const out = process.stdout
    out.write(`iamflow emulator (IAM, STS, S3) listening on ${running.url}\n`)
    if (emulator.stateInfo) out.write(`${describeLoad(emulator.stateInfo)}\n`)
    out.write(`default account ${root.accountId}; root credentials:\n`)
    out.write(`export AWS_ENDPOINT_URL=${running.url}\n`)
    // AWS CLI, boto3 and SDK v3 trust a CA bundle named by AWS_CA_BUNDLE: no insecure flags needed.
    if (tls) out.write(`export AWS_CA_BUNDLE=${tls.file}\n`)
    else out.write('# plain HTTP: requests carry aws:SecureTransport=false (use --tls for HTTPS)\n')
    out.write(`export AWS_ACCESS_KEY_ID=${root.accessKeyId}\n`)
    if (root.accessKeyId === EXAMPLE_ROOT_KEY.accessKeyId && root.secretAccessKey === EXAMPLE_ROOT_KEY.secretAccessKey) {
      out.write(`export AWS_SECRET_ACCESS_KEY=${root.secretAccessKey}\n`)
    } else {
      out.write('# AWS_SECRET_ACCESS_KEY: the root secret from your state file (not printed)\n')
    }
    // SDKs read AWS_REGION; the AWS CLI v1 and boto3 read AWS_DEFAULT_REGION.
    out.write(`export AWS_REGION=${args.region} AWS_DEFAULT_REGION=${args.region}\n`)
    out.write('# S3: virtual-hosted (<bucket>.localhost) and path-style both work; where <bucket>.localhost does not resolve, use path style (SDK v3: forcePathStyle: true)\n')
    const others = emulator.accounts().filter((a) => a.accountId !== root.accountId)
    if (others.length) {
      // Secrets of generated accounts are not printed: they go to a file only the user can read.
      const file = args.state ? `${args.state}.accounts.json` : join('.iamflow', 'serve-accounts.json')
      mkdirSync(dirname(file), { recursive: true })
      writeFileSync(file, JSON.stringify(others, null, 2) + '\n', { mode: 0o600 })
      chmodSync(file, 0o600)
      for (const a of others) out.write(`account ${a.accountId}: root key ${a.accessKeyId}\n`)
      out.write(`their secret keys are in ${file} (mode 600)\n`)
    }
    const shutdown = async (signal: string) => {
      logLines?.flush()
      out.write(`${signal}: shutting down\n`)
      await running.close()
      logLines?.flush()
      process.exit(await saveAtShutdown(emulator, out, process.stderr))
    }
    process.once('SIGINT', () => void shutdown('SIGINT'))
    process.once('SIGTERM', () => void shutdown('SIGTERM'))
  },
}

/** A listen failure the user can fix with --port or --host: a clear input error, not an internal one. */
function bindError(err: unknown, host: string | undefined, port: number | undefined): unknown {
  const code = (err as NodeJS.ErrnoException | undefined)?.code
  const where = `${host ?? '127.0.0.1'}:${port ?? 0}`
  if (code === 'EADDRINUSE') return new InputError('SERVE_BAD_PORT', `cannot listen on ${where}: the port is in use`, { hint: 'choose another --port (--port 0 takes any free one), or stop what listens there' })
  if (code === 'EACCES') return new InputError('SERVE_BAD_PORT', `cannot listen on ${where}: permission denied`, { hint: 'ports below 1024 need privileges: choose a --port from 1024 up' })
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return new InputError('SERVE_BAD_PORT', `cannot listen on ${where}: ${host} is not an address of this machine`, { hint: 'give --host 127.0.0.1, or an address this machine has' })
  return err
}
