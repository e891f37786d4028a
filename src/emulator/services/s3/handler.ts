import type { Incoming } from '../../incoming.js'
import type { Exchange, Runtime } from '../../runtime.js'

/** S3 REST-XML entry point (under construction). */
export async function handleS3(_rt: Runtime, _inc: Incoming, _exchange: Exchange): Promise<Response> {
  return new Response('<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NotImplemented</Code><Message>S3 is not implemented yet</Message></Error>', {
    status: 501,
    headers: { 'content-type': 'application/xml' },
  })
}
