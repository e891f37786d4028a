import { IAMClient } from '@aws-sdk/client-iam'
import { S3Client } from '@aws-sdk/client-s3'
import { STSClient } from '@aws-sdk/client-sts'
import type { AwsClients } from '../../../src/actions/define-action.js'
import { withSdkCall } from '../../../src/actions/sdk-modules.js'
import { createInMemoryHandler, type Emulator } from '../../../src/emulator/index.js'
import type { Creds } from './serve.js'

/** Real SDK v3 clients of one identity answered by `em` in memory (no retries, path-style S3). */
export function memoryClients(em: Emulator, creds: Creds): AwsClients {
  const common = { region: 'us-east-1', endpoint: 'http://localhost:4566', credentials: creds, requestHandler: createInMemoryHandler(em), maxAttempts: 1 }
  return withSdkCall({
    iam: new IAMClient(common),
    sts: new STSClient(common),
    s3: new S3Client({ ...common, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' }),
  })
}

/** The outcome of a call as data: OK, or the AWS error code and HTTP status. */
export async function outcome(p: Promise<unknown>): Promise<{ code: string; status?: number; message?: string }> {
  try {
    await p
    return { code: 'OK' }
  } catch (e) {
    const err = e as { name: string; Code?: string; message: string; $metadata?: { httpStatusCode?: number } }
    return { code: err.Code ?? err.name, status: err.$metadata?.httpStatusCode, message: err.message }
  }
}

/** A policy document as JSON text. */
export function policy(...statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements })
}
