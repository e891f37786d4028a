import type { AwsServiceError } from '../services/types.js'
import { httpDate } from './http-date.js'
import { escapeXml, queryXmlElement } from './query-xml.js'

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
  const root = `${action}Response`
  const resultXml = result === undefined || result === null ? '' : queryXmlElement(`${action}Result`, result)
  return `<${root}${xmlnsAttribute(service.namespace)}>${resultXml}<ResponseMetadata>${queryXmlElement('RequestId', requestId)}</ResponseMetadata></${root}>`
}

/** `<ErrorResponse xmlns><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`. */
export function queryErrorXml(service: QueryServiceInfo, error: AwsServiceError, requestId: string): string {
  const type = queryXmlElement('Type', error.senderFault ? 'Sender' : 'Receiver')
  // Some errors come without a Message (ReportNotPresent, as recorded from AWS).
  const message = error.message === '' ? '' : queryXmlElement('Message', error.message)
  return `<ErrorResponse${xmlnsAttribute(service.namespace)}><Error>${type}${queryXmlElement('Code', error.code)}${message}</Error>${queryXmlElement('RequestId', requestId)}</ErrorResponse>`
}

/** ` xmlns="..."`, as the builder writes an attribute (a value of `true` stands alone). */
function xmlnsAttribute(namespace: string): string {
  return namespace === 'true' ? ' xmlns' : ` xmlns="${escapeXml(namespace)}"`
}

/** Headers of every Query response. */
export function queryHeaders(requestId: string, length: number, now: number): Record<string, string> {
  return {
    'content-type': 'text/xml',
    'x-amzn-requestid': requestId,
    'content-length': String(length),
    date: httpDate(now),
  }
}
