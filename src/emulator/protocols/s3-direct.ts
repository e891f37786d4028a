/**
 * The in-process S3 path of the embedded emulator (the request side in ./s3-direct-request.ts, the
 * answer side in ./s3-direct-response.ts): an S3 call made with the SDK's input object
 * and answered with the SDK's output object, the same design as IAM and STS (./direct.ts), over
 * S3's REST-XML bindings (src/aws-model/rest-xml.ts, generated from botocore's model):
 *
 * - the input becomes the very request the S3 handler receives from the wire: the method, the
 *   request URI with its labels (`{Bucket}`, the greedy `{Key+}` encoded segment by segment,
 *   path-style as the embedded SDK client sends it), query-string, header and header-prefix
 *   (`x-amz-meta-*`) members, the payload (a blob or string as its bytes, a structure as the XML
 *   the SDK writes), the content type and length, and the request checksum the SDK adds
 *   (`x-amz-sdk-checksum-algorithm` + `x-amz-checksum-crc32` for DeleteObjects, PutBucketPolicy,
 *   PutPublicAccessBlock, ... or the algorithm a `ChecksumAlgorithm` member names);
 * - the caller is resolved from the credentials as a signed request's would be (handleS3's
 *   `direct` caller: the same unknown-key, token and expiry answers, the key's last use recorded);
 * - the handler's answer (status, headers, XML or raw body) is read back by the output shape as
 *   the SDK's REST-XML deserialiser reads it: header members with their types (numbers, booleans,
 *   Dates from HTTP dates), `Metadata` from `x-amz-meta-*`, the status code, XML members (lists,
 *   flattened lists, nested structures, attributes, timestamps as Dates, numbers, booleans), and
 *   payload members (GetBucketPolicy's `Policy` text; GetObject's `Body` as the SDK's stream with
 *   `transformToString()` / `transformToByteArray()` / `transformToWebStream()`);
 * - errors as the SDK names them: the modelled exception shape (`NoSuchKey`) or the code, the
 *   `<Error>` element's other children as members (Code, BucketName, Key, RequestId, HostId, ...),
 *   and for a body-less answer (HEAD) `NotFound` on 404 and `Unknown` otherwise.
 *
 * Where it differs from the SDK's request (none of which the handler reads): no SigV4 headers
 * (`authorization`, `x-amz-date`, `x-amz-content-sha256`, `x-amz-security-token`), no `x-id`
 * query parameter, no user agent, invocation id or `amz-sdk-request`. The SDK's own S3 middleware
 * is mirrored where it changes what is sent or read: CreateBucket's LocationConstraint outside
 * us-east-1, the request checksum, `Expires`/`ExpiresString`; its check for a 200 answer carrying
 * an `<Error>` (CopyObject, CompleteMultipartUpload) is not, as the handler never answers so.
 *
 * Left to the SDK (s3DirectOperation answers false, the call goes over the in-memory handler):
 * operations the emulator does not serve (it answers them NotImplemented either way), a body
 * that is neither text nor bytes (a stream, a Blob), a CRC64NVME checksum, and SSE-C keys (the
 * SDK rewrites them: base64 and MD5).
 */
import { restXmlOperation, restXmlShape } from '../../aws-model/rest-xml.js'
import { RecordHeaders, type Incoming } from '../incoming.js'
import type { Exchange, Runtime } from '../runtime.js'
import { handleS3 } from '../services/s3/handler.js'
import type { DirectAnswer } from './direct.js'
import { CHECKSUMS, SDK_REWRITTEN, toWireRequest, withSdkCustomizations } from './s3-direct-request.js'
import { fromWireResponse } from './s3-direct-response.js'

/** One S3 call in process. */
export interface S3DirectRequest {
  operation: string
  input: Record<string, unknown>
  credentials?: { accessKeyId: string; sessionToken?: string }
  region: string
}


/**
 * Whether the call can be made in process: the operation's bindings are kept (the emulator
 * serves it), and its input is one this converter writes as the SDK would (a body given as text
 * or bytes, a checksum algorithm computed here). Anything else goes over the SDK's in-memory path.
 */
export function s3DirectOperation(operation: string, input?: Record<string, unknown>): boolean {
  const op = restXmlOperation(operation)
  if (!op || !op.input) return false
  if (input === undefined) return true
  for (const member of SDK_REWRITTEN) if (input[member] !== undefined) return false
  const shape = restXmlShape(op.input)
  if (shape.payload !== undefined) {
    const body = input[shape.payload]
    const payload = restXmlShape(shape.members![shape.payload]!.shape)
    if ((payload.type === 'blob' || payload.type === 'string') && body !== undefined && body !== null && typeof body !== 'string' && !(body instanceof Uint8Array)) return false
  }
  if (op.checksumMember !== undefined) {
    const algorithm = input[op.checksumMember]
    if (algorithm !== undefined && !Object.hasOwn(CHECKSUMS, String(algorithm))) return false
  }
  return true
}

/** The request an in-process S3 call stands for: `base` (source address, TLS, time) with the SDK's request line, headers and body. */
export function s3DirectIncoming(base: Incoming, operation: string, input: Record<string, unknown>, region: string): Incoming {
  const wire = toWireRequest(operation, withSdkCustomizations(operation, input, region))
  return { ...base, method: wire.method, rawPath: wire.rawPath, query: wire.query, headers: new RecordHeaders(wire.headers), body: wire.body }
}

/** Answer one call made with `inc` (from s3DirectIncoming; see module doc). Never throws for an AWS answer. */
export async function handleS3Direct(rt: Runtime, inc: Incoming, req: S3DirectRequest, exchange: Exchange): Promise<DirectAnswer> {
  const res = await handleS3(rt, inc, exchange, { ...(req.credentials ? { credentials: req.credentials } : {}), region: req.region })
  return fromWireResponse(req.operation, inc.method, res)
}
