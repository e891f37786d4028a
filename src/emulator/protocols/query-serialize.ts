import type { AwsServiceError } from '../services/types.js'
import { toQueryXmlValue, xmlBuilder } from './xml.js'

/** A Query service's wire facts. */
export interface QueryServiceInfo {
  /** `iam` or `sts`. */
  name: string
  version: string
  /** Response namespace, e.g. `https://iam.amazonaws.com/doc/2010-05-08/`. */
  namespace: string
}

export const QUERY_SERVICES: Record<'iam' | 'sts', QueryServiceInfo> = {
  iam: { name: 'iam', version: '2010-05-08', namespace: 'https://iam.amazonaws.com/doc/2010-05-08/' },
  sts: { name: 'sts', version: '2011-06-15', namespace: 'https://sts.amazonaws.com/doc/2011-06-15/' },
}

/**
 * `<OpResponse xmlns><OpResult>...</OpResult><ResponseMetadata><RequestId/></ResponseMetadata></OpResponse>`;
 * operations without output (undefined result) get no Result element.
 */
export function querySuccessXml(service: QueryServiceInfo, action: string, result: unknown, requestId: string): string {
  const body: Record<string, unknown> = { '@_xmlns': service.namespace }
  if (result !== undefined && result !== null) {
    const converted = toQueryXmlValue(result)
    body[`${action}Result`] = converted === undefined ? '' : converted
  }
  body.ResponseMetadata = { RequestId: requestId }
  return xmlBuilder.build({ [`${action}Response`]: body }) as string
}

/** `<ErrorResponse xmlns><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`. */
export function queryErrorXml(service: QueryServiceInfo, error: AwsServiceError, requestId: string): string {
  return xmlBuilder.build({
    ErrorResponse: {
      '@_xmlns': service.namespace,
      Error: {
        Type: error.senderFault ? 'Sender' : 'Receiver',
        Code: error.code,
        // Some errors come without a Message (ReportNotPresent, as recorded from AWS).
        ...(error.message === '' ? {} : { Message: error.message }),
      },
      RequestId: requestId,
    },
  }) as string
}

/** Headers of every Query response. */
export function queryHeaders(requestId: string, length: number, now: number): Record<string, string> {
  return {
    'content-type': 'text/xml',
    'x-amzn-requestid': requestId,
    'content-length': String(length),
    date: new Date(now).toUTCString(),
  }
}
