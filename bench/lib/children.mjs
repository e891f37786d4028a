// Child processes started by the benchmarks: tracked, bounded in time, and always stopped on
// exit (normal end, error, Ctrl-C). Only processes started here are ever signalled, by pid.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'

const live = new Set()

function stopAll() {
  for (const child of live) {
    try {
      child.kill('SIGKILL')
    } catch {
      // already gone
    }
  }
  live.clear()
}

let hooked = false
function hookExit() {
  if (hooked) return
  hooked = true
  process.on('exit', stopAll)
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(sig, () => {
      stopAll()
      process.exit(sig === 'SIGINT' ? 130 : 143)
    })
  }
}

/** Spawn a tracked child (killed when this process exits). */
export function track(cmd, args, opts = {}) {
  hookExit()
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts })
  live.add(child)
  child.once('exit', () => live.delete(child))
  return child
}

/** Stop one tracked child: SIGTERM, then SIGKILL after `graceMs`. Resolves when it has exited. */
export function stop(child, graceMs = 2000) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

/**
 * Run a command to completion with a time limit; resolves with its exit code, output and wall
 * time in ms (the time from spawn to exit, as a user would see it).
 */
export function runToEnd(cmd, args, { timeoutMs = 60_000, input, ...opts } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now()
    const child = track(cmd, args, { ...opts, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] })
    const out = []
    const err = []
    child.stdout.on('data', (d) => out.push(d))
    child.stderr.on('data', (d) => err.push(d))
    if (input !== undefined) child.stdin.end(input)
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${cmd} ${args.join(' ')}: no exit after ${timeoutMs} ms`))
    }, timeoutMs)
    child.once('error', (e) => {
      clearTimeout(timer)
      reject(e)
    })
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, ms: performance.now() - t0, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') })
    })
  })
}

/** Wait until `child`'s stdout or stderr matches `re`; resolves with the match. */
export function waitForOutput(child, re, timeoutMs = 20_000) {
  return new Promise((resolve, reject) => {
    let seen = ''
    const onData = (d) => {
      seen += d.toString('utf8')
      const m = seen.match(re)
      if (m) {
        done()
        resolve(m)
      }
    }
    const onExit = (code) => {
      done()
      reject(new Error(`process exited (${code}) before printing ${re}: ${seen.slice(-500)}`))
    }
    const timer = setTimeout(() => {
      done()
      reject(new Error(`no ${re} within ${timeoutMs} ms: ${seen.slice(-500)}`))
    }, timeoutMs)
    const done = () => {
      clearTimeout(timer)
      child.stdout?.off('data', onData)
      child.stderr?.off('data', onData)
      child.off('exit', onExit)
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', onExit)
  })
}

/** CPU time (user + system) a live process has used so far, in ms (Linux /proc). */
export function cpuMsOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    // fields[11] = utime, fields[12] = stime, in clock ticks (100 Hz on Linux)
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
  } catch {
    return Number.NaN
  }
}
