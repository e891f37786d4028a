import type { EventSink, RunEvent } from '../engine/events.js'
import type { Reporter } from './types.js'

/** Deliver one event to one reporter's matching hook. */
export function deliver(reporter: Reporter, e: RunEvent): void {
  switch (e.type) {
    case 'suite:start':
      return reporter.onSuiteStart?.(e)
    case 'run:start':
      return reporter.onRunStart?.(e)
    case 'step:start':
      return reporter.onStepStart?.(e)
    case 'step:wait':
      return reporter.onStepWait?.(e)
    case 'step:end':
      return reporter.onStepEnd?.(e)
    case 'teardown:start':
      return reporter.onTeardownStart?.(e)
    case 'teardown:item':
      return reporter.onTeardownItem?.(e)
    case 'teardown:end':
      return reporter.onTeardownEnd?.(e)
    case 'run:end':
      return reporter.onRunEnd?.(e)
    case 'notice':
      return reporter.onNotice?.(e)
    case 'suite:end':
      return reporter.onSuiteEnd?.(e)
    default: {
      const unreachable: never = e
      void unreachable
    }
  }
}

/** One sink feeding every reporter; a reporter that throws cannot stop the run or the others. */
export function fanOut(reporters: Reporter[], onError: (err: unknown) => void = () => {}): EventSink {
  return (e) => {
    for (const r of reporters) {
      try {
        deliver(r, e)
      } catch (err) {
        onError(err)
      }
    }
  }
}
