import { IAMClient } from '@aws-sdk/client-iam'
import { S3Client } from '@aws-sdk/client-s3'
import { STSClient } from '@aws-sdk/client-sts'
import { createInMemoryHandler, type Emulator } from '../src/emulator/index.js'

/** Credentials as the SDK takes them. */
export interface Creds {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
}

const common = (em: Emulator, creds: Creds, region = 'us-east-1') => ({
  region,
  endpoint: 'http://localhost:4566',
  credentials: creds,
  requestHandler: createInMemoryHandler(em),
  maxAttempts: 1,
})

/** Real SDK v3 clients answering from `em` in memory. */
export function clients(em: Emulator, creds: Creds, opts: { forcePathStyle?: boolean; region?: string } = {}) {
  return {
    iam: new IAMClient(common(em, creds)),
    sts: new STSClient(common(em, creds, opts.region)),
    s3: new S3Client({ ...common(em, creds, opts.region), forcePathStyle: opts.forcePathStyle ?? false }),
  }
}

/** The SDK error a call fails with (name = AWS code), or throws if it succeeds. */
export async function failure(p: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await p
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } }
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode }
  }
  throw new Error('expected the call to fail')
}

/** A policy document as JSON text. */
export function doc(statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements })
}

/**
 * A user `name` with an access key and, when given, an inline policy of `statements`; returns
 * SDK clients acting as that user and the user's ARN.
 */
export async function userClients(em: Emulator, name: string, statements?: object[]) {
  const { CreateUserCommand, CreateAccessKeyCommand, PutUserPolicyCommand } = await import('@aws-sdk/client-iam')
  const { iam } = clients(em, em.root)
  const arn = (await iam.send(new CreateUserCommand({ UserName: name }))).User!.Arn!
  if (statements) await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: doc(statements) }))
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!
  return { arn, ...clients(em, { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! }) }
}
