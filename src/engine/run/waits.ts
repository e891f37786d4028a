import pRetry from 'p-retry'
import type { ActionDefinition } from '../../actions/define-action.js'
import type { ChangeKind } from '../../actions/lifecycle.js'
import type { Expectation } from '../../scenario/types.js'
import type { Answer } from './expectations.js'

/**
 * Propagation-aware waits. IAM is eventually consistent: for seconds after a change AWS answers
 * with known signatures (spec §9). A step is retried only when its answer does NOT meet its
 * expectation AND the mismatch is such a signature AND a change that explains it happened within
 * the propagation window. Everything else (throttling, 5xx) is the SDK retry strategy's job.
 * What each call changes comes from its action definition (`changes`, `readOnly`).
 */

export type { ChangeKind }

/** Recent changes made by the run, with times (epoch ms). */
export class ChangeLog {
  private readonly last = new Map<ChangeKind, number>()

  record(kinds: Iterable<ChangeKind>, at: number): void {
    for (const k of kinds) this.last.set(k, Math.max(at, this.last.get(k) ?? 0))
  }

  /** Whether a change of one of `kinds` happened at or after `since`. */
  since(kinds: ChangeKind[], since: number): boolean {
    return kinds.some((k) => (this.last.get(k) ?? Number.NEGATIVE_INFINITY) >= since)
  }
}

export interface SignatureInput {
  /** The action called: its name and whether it only reads (from the registry). */
  action: Pick<ActionDefinition, 'name' | 'readOnly'>
  expect: Expectation
  answer: Answer
  changes: ChangeLog
  /** When the acting identity's credentials were issued (epoch ms). */
  credentialsIssuedAt?: number
  now: number
  windowMs: number
}

/**
 * The eventual-consistency signature this mismatch matches, as a human reason, or undefined.
 * Call only for answers that failed their expectation.
 */
export function propagationSignature(i: SignatureInput): string | undefined {
  if (i.windowMs <= 0) return undefined
  const since = i.now - i.windowMs
  const a = i.answer
  if (a.kind === 'error') {
    if (i.expect.error === a.code) {
      // The expected code with another message or reason: while a recent policy change
      // propagates, the deciding policy (and so the reason) can still change, so a negative
      // step must not pass or fail on a denial given for the wrong reason (issue 16 item 18).
      if (a.code === 'AccessDenied' && i.changes.since(['permissions', 'trust'], since)) return 'the reason of a denial can change while a recent policy change propagates'
      return undefined
    }
    // A principal created moments ago is not known to every IAM/S3 endpoint yet (Terraform's AWS
    // provider retries exactly this for ~30 s on CreateRole and UpdateAssumeRolePolicy, and
    // MalformedPolicy on PutBucketPolicy: hashicorp/terraform#4709, terraform-provider-aws#12436).
    if ((a.code === 'MalformedPolicyDocument' || a.code === 'MalformedPolicy') && a.message.includes('Invalid principal in policy') && i.changes.since(['permissions', 'trust'], since)) {
      return 'a principal created moments ago is not known everywhere yet'
    }
    if ((a.code === 'InvalidClientTokenId' || a.code === 'InvalidAccessKeyId') && (i.credentialsIssuedAt ?? Number.NEGATIVE_INFINITY) >= since) {
      return 'new credentials are not valid everywhere yet'
    }
    if (a.code === 'AccessDenied' && i.action.name === 'sts.assumeRole' && i.changes.since(['trust', 'permissions'], since)) {
      return 'a new role or trust policy is not effective yet'
    }
    if (a.code === 'AccessDenied' && i.changes.since(['permissions'], since)) return 'a recent policy change is not effective yet'
    return undefined
  }
  if (i.action.readOnly !== true) return undefined
  if (i.expect.error === 'AccessDenied' && i.changes.since(['permissions', 'trust'], since)) {
    return 'removed permissions still work for a while'
  }
  if ((i.expect.error === 'InvalidClientTokenId' || i.expect.error === 'InvalidAccessKeyId') && i.changes.since(['credentials'], since)) {
    return 'a deactivated or deleted key still works for a while'
  }
  return undefined
}

/** One propagation retry, for the live "waiting for propagation" line. */
export interface WaitInfo {
  attempt: number
  elapsedMs: number
  windowMs: number
  reason: string
}

export interface WaitOptions<T> {
  windowMs: number
  signal?: AbortSignal
  /** Returns the reason to try again, or undefined to accept `result` as final. */
  retryReason(result: T): string | undefined
  onWait?(info: WaitInfo): void
}

class TryAgain<T> extends Error {
  constructor(
    readonly result: T,
    readonly reason: string,
  ) {
    super(reason)
  }
}

/**
 * Growth of the backoff between attempts. How long a change takes to propagate is unknown, so
 * the backoff is kept proportional to the time already waited: with a factor f each sleep is
 * about (f - 1) of the elapsed wait, so the attempt that succeeds lands at most ~6% after the
 * change took effect (3.0 s of propagation -> done by ~3.2 s), at the price of a few more cheap
 * read calls (about 40 attempts for 3 s on the emulator, ~55 for a full minute on AWS).
 */
export const BACKOFF_FACTOR = 1.06

/**
 * Run `attempt` until `retryReason` says the result is final or the window closes; the last
 * result is returned either way. Backoff grows from ~1/400 of the window by BACKOFF_FACTOR and is
 * clamped to the time left, so the last attempt lands at the deadline instead of sleeping past it.
 */
export async function withPropagationWaits<T>(attempt: (n: number) => Promise<T>, opts: WaitOptions<T>): Promise<{ result: T; attempts: number; waitedMs: number }> {
  if (opts.windowMs <= 0) return { result: await attempt(1), attempts: 1, waitedMs: 0 }
  const started = performance.now()
  let attempts = 0
  let final: { result: T } | undefined
  let callMs = 0
  const run = async (n: number): Promise<T> => {
    attempts = n
    const t0 = performance.now()
    const result = await attempt(n)
    callMs += performance.now() - t0
    const reason = opts.windowMs > 0 ? opts.retryReason(result) : undefined
    if (reason !== undefined) throw new TryAgain(result, reason)
    final = { result }
    return result
  }
  // Start small: with a geometric backoff the ratio sleep/elapsed only settles near (f - 1)
  // after the first few attempts, so a large first sleep would overshoot short propagations.
  const minTimeout = Math.min(250, Math.max(20, opts.windowMs / 400))
  try {
    const result = await pRetry(run, {
      retries: Number.POSITIVE_INFINITY,
      factor: BACKOFF_FACTOR,
      minTimeout,
      maxTimeout: Math.max(minTimeout, Math.min(10_000, opts.windowMs / 6)),
      maxRetryTime: opts.windowMs,
      signal: opts.signal,
      shouldRetry: ({ error }) => error instanceof TryAgain,
      onFailedAttempt: ({ error, attemptNumber }) => {
        const elapsed = performance.now() - started
        if (error instanceof TryAgain && elapsed < opts.windowMs) opts.onWait?.({ attempt: attemptNumber + 1, elapsedMs: Math.round(elapsed), windowMs: opts.windowMs, reason: error.reason })
      },
    })
    return { result, attempts, waitedMs: Math.max(0, Math.round(performance.now() - started - callMs)) }
  } catch (err) {
    if (err instanceof TryAgain) return { result: err.result as T, attempts, waitedMs: Math.max(0, Math.round(performance.now() - started - callMs)) }
    // p-retry rejects on abort even after a final answer; a call that answered is kept (its
    // undo must be recorded), one we were still waiting on is interrupted.
    if (final) return { result: final.result, attempts, waitedMs: Math.max(0, Math.round(performance.now() - started - callMs)) }
    throw err
  }
}
