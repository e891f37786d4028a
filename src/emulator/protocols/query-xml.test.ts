import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AwsServiceError } from '../services/types.js'
import { QUERY_SERVICES, queryErrorXml, querySuccessXml } from './query-serialize.js'
import { escapeXml } from './query-xml.js'
import { isoSeconds, xmlBuilder, xmlMap, mapRecordOf } from './xml.js'

/**
 * The definition the direct writer replaced: output -> the builder's object form ->
 * fast-xml-parser's XMLBuilder. The writer must produce the same bytes.
 */
function toQueryXmlValue(value: unknown): unknown {
  if (value === undefined || value === null) return undefined
  if (value instanceof Date) return isoSeconds(value)
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (typeof value === 'number' || typeof value === 'bigint') return String(value)
  if (typeof value === 'string') return value
  if (Array.isArray(value)) {
    if (value.length === 0) return ''
    return { member: value.map((v) => toQueryXmlValue(v) ?? '') }
  }
  if (typeof value === 'object') {
    const map = mapRecordOf(value)
    if (map) {
      const entries = Object.entries(map).map(([key, v]) => ({ key, value: toQueryXmlValue(v) ?? '' }))
      return entries.length ? { entry: entries } : ''
    }
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const converted = toQueryXmlValue(v)
      if (converted !== undefined) out[k] = converted
    }
    return out
  }
  return String(value)
}

function builderSuccess(namespace: string, action: string, result: unknown, requestId: string): string {
  const body: Record<string, unknown> = { '@_xmlns': namespace }
  if (result !== undefined && result !== null) {
    const converted = toQueryXmlValue(result)
    body[`${action}Result`] = converted === undefined ? '' : converted
  }
  body.ResponseMetadata = { RequestId: requestId }
  return xmlBuilder.build({ [`${action}Response`]: body }) as string
}

function builderError(namespace: string, error: AwsServiceError, requestId: string): string {
  return xmlBuilder.build({
    ErrorResponse: {
      '@_xmlns': namespace,
      Error: { Type: error.senderFault ? 'Sender' : 'Receiver', Code: error.code, ...(error.message === '' ? {} : { Message: error.message }) },
      RequestId: requestId,
    },
  }) as string
}

// Text with the characters XML escapes, markup look-alikes, non-ASCII and the empty string.
const text = fc.oneof(fc.string(), fc.constantFrom('', '&', '<a>', '"\'', '&amp;', ']]>', 'é ü 😀', ' x ', 'true'), fc.string({ unit: 'grapheme' }))
const name = fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,8}$/)
const leaf = fc.oneof(
  text,
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: false }),
  fc.date({ min: new Date(0), max: new Date(Date.UTC(2100, 0, 1)), noInvalidDate: true }),
  fc.constant(undefined),
  fc.constant(null),
)
const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('tree'), { maxLength: 4 }),
    fc.dictionary(name, tie('tree'), { maxKeys: 5 }),
    fc.dictionary(text, tie('tree'), { maxKeys: 4 }).map((r) => xmlMap(r)),
  ),
}))

describe('Query XML writer', () => {
  it('writes what the builder wrote, for any output', () => {
    fc.assert(
      fc.property(fc.dictionary(name, tree, { maxKeys: 6 }), name, text, (result, action, requestId) => {
        for (const info of [QUERY_SERVICES.iam, { ...QUERY_SERVICES.sts, namespace: '' }]) {
          expect(querySuccessXml(info, action, result, requestId)).toBe(builderSuccess(info.namespace, action, result, requestId))
        }
      }),
      { numRuns: 500 },
    )
  })

  it('writes no Result element for undefined and null results, as the builder did', () => {
    for (const result of [undefined, null, {}, [], '', 'x']) {
      expect(querySuccessXml(QUERY_SERVICES.sts, 'GetCallerIdentity', result, 'r')).toBe(builderSuccess(QUERY_SERVICES.sts.namespace, 'GetCallerIdentity', result, 'r'))
    }
  })

  it('writes the error envelope the builder wrote', () => {
    fc.assert(
      fc.property(fc.string(), text, fc.boolean(), text, (code, message, sender, requestId) => {
        const error = new AwsServiceError(code, sender ? 400 : 500, message, {}, sender)
        for (const namespace of [QUERY_SERVICES.iam.namespace, '']) {
          expect(queryErrorXml({ ...QUERY_SERVICES.iam, namespace }, error, requestId)).toBe(builderError(namespace, error, requestId))
        }
      }),
      { numRuns: 300 },
    )
  })

  it('escapes the five XML special characters and nothing else', () => {
    expect(escapeXml(`a&b<c>d'e"f é`)).toBe('a&amp;b&lt;c&gt;d&apos;e&quot;f é')
    expect(escapeXml('plain')).toBe('plain')
  })
})
