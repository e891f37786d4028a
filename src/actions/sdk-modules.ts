import type { AwsCall, AwsClients, AwsService } from './define-action.js'

/**
 * Lazy access to the SDK client packages. Nothing here imports the SDK until a call is made, so
 * `validate`, `plan` and `actions` never pay for loading it.
 */
const imports: Record<AwsService, () => Promise<Record<string, unknown>>> = {
  iam: () => import('@aws-sdk/client-iam') as Promise<Record<string, unknown>>,
  sts: () => import('@aws-sdk/client-sts') as Promise<Record<string, unknown>>,
  s3: () => import('@aws-sdk/client-s3') as Promise<Record<string, unknown>>,
}

/** Each package imported once (a repeated dynamic import still resolves the specifier). */
const loaded = new Map<AwsService, Promise<Record<string, unknown>>>()

/** A service's SDK package, imported on first use. */
export function sdkModule(service: AwsService): Promise<Record<string, unknown>> {
  return load(service)
}

function load(service: AwsService): Promise<Record<string, unknown>> {
  let mod = loaded.get(service)
  if (!mod) {
    mod = imports[service]()
    loaded.set(service, mod)
  }
  return mod
}

/** A command class as the SDK exports it. */
export type CommandClass = new (input: Record<string, unknown>) => unknown

/** The `${operation}Command` class of a service's SDK package (throws if the package lacks it). */
export async function commandClass(service: AwsService, operation: string): Promise<CommandClass> {
  const mod = await load(service)
  const cls = mod[`${operation}Command`]
  if (typeof cls !== 'function') throw new Error(`internal error: @aws-sdk/client-${service} has no ${operation}Command`)
  return cls as CommandClass
}

/** Send `${operation}Command(input)` with the service's client (the SDK side of `AwsClients.call`, and the pass-through actions). */
export async function sendOperation(
  clients: AwsClients,
  service: AwsService,
  operation: string,
  input: Record<string, unknown>,
  signal: AbortSignal | undefined,
): Promise<unknown> {
  const Command = await commandClass(service, operation)
  const client = clients[service] as unknown as { send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown> }
  return client.send(new Command(input), { abortSignal: signal })
}

/** AwsClients over SDK clients built elsewhere (tests): every call goes through the SDK. */
export function withSdkCall(clients: Omit<AwsClients, 'call'>): AwsClients {
  const out: AwsClients = {
    ...clients,
    call: ((service, operation, input, signal) => sendOperation(out, service, operation, input as Record<string, unknown>, signal)) as AwsCall,
  }
  return out
}
