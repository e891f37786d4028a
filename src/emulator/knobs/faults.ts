import type { FaultSpec } from '../types.js'
import { AwsServiceError } from '../services/types.js'

/** A seeded PRNG (mulberry32): the same seed gives the same fault sequence. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export type FaultService = 'iam' | 'sts' | 's3'

/** Decides, per request, whether to inject a fault, and which AWS error it is. */
export interface FaultInjector {
  /** The error to answer instead of running the operation, or undefined. */
  pick(service: FaultService, operation: string): AwsServiceError | undefined
}

/** Known codes for forced faults, with AWS's status and message. */
const FORCED: Record<string, { status: number; message: string }> = {
  Throttling: { status: 400, message: 'Rate exceeded' },
  SlowDown: { status: 503, message: 'Please reduce your request rate.' },
  ServiceFailure: { status: 500, message: 'An internal error occurred.' },
  InternalError: { status: 500, message: 'We encountered an internal error. Please try again.' },
  ServiceUnavailable: { status: 503, message: 'Service is unable to handle request.' },
  AccessDenied: { status: 403, message: 'Access Denied' },
  LimitExceeded: { status: 409, message: 'Cannot exceed quota (injected fault).' },
  ValidationError: { status: 400, message: 'Injected validation error.' },
}

/** Build the injector from the options (no spec = never injects). */
export function createFaultInjector(spec: FaultSpec | undefined): FaultInjector {
  if (!spec) return { pick: () => undefined }
  const random = mulberry32(spec.seed ?? 1)
  const services = spec.services ? new Set(spec.services) : undefined
  const operations = spec.operations ? new Set(spec.operations) : undefined
  return {
    pick(service, operation) {
      if (services && !services.has(service)) return undefined
      if (operations && !operations.has(operation)) return undefined
      if (spec.code) {
        const known = FORCED[spec.code] ?? { status: 400, message: `Injected fault ${spec.code}.` }
        return new AwsServiceError(spec.code, known.status, known.message)
      }
      const r = random()
      const throttle = spec.throttle ?? 0
      const internal = spec.internal ?? 0
      if (r < throttle) {
        return service === 's3'
          ? new AwsServiceError('SlowDown', 503, FORCED.SlowDown!.message)
          : new AwsServiceError('Throttling', 400, FORCED.Throttling!.message)
      }
      if (r < throttle + internal) {
        return service === 's3'
          ? new AwsServiceError('InternalError', 500, FORCED.InternalError!.message)
          : new AwsServiceError('ServiceFailure', 500, FORCED.ServiceFailure!.message)
      }
      return undefined
    },
  }
}

/**
 * Parse serve's `--faults` spec: comma-separated `key=value` pairs, e.g.
 * `throttle=0.2,internal=0.05,seed=7,services=iam+sts,operations=CreateRole+AttachRolePolicy,code=LimitExceeded`.
 */
export function parseFaultSpec(text: string): FaultSpec {
  const spec: FaultSpec = {}
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [key, value = ''] = part.split('=').map((s) => s.trim()) as [string, string?]
    switch (key) {
      case 'seed':
      case 'throttle':
      case 'internal': {
        const n = Number(value)
        if (!Number.isFinite(n) || (key !== 'seed' && (n < 0 || n > 1))) throw new Error(`--faults: bad ${key} '${value}'`)
        spec[key] = n
        break
      }
      case 'services': {
        const list = value.split('+').filter(Boolean)
        for (const s of list) if (s !== 'iam' && s !== 'sts' && s !== 's3') throw new Error(`--faults: unknown service '${s}'`)
        spec.services = list as FaultSpec['services']
        break
      }
      case 'operations':
        spec.operations = value.split('+').filter(Boolean)
        break
      case 'code':
        spec.code = value
        break
      default:
        throw new Error(`--faults: unknown key '${key}' (seed, throttle, internal, services, operations, code)`)
    }
  }
  return spec
}
