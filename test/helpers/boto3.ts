import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** Whether `python3` with boto3 is on PATH (the boto3 tests skip, with a notice, when not). */
export async function hasBoto3(): Promise<boolean> {
  try {
    await run('python3', ['-c', 'import boto3'])
    return true
  } catch {
    return false
  }
}
