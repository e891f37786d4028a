import { isScalar, visit, type Document } from 'yaml'

/** A plain scalar of digits with a leading zero: an id (account, key), never a number. */
const LEADING_ZERO_DIGITS = /^0\d+$/

/**
 * YAML 1.2 reads `012345678901` as the integer 12345678901, silently dropping the zero an AWS
 * account id needs. No one writes a number that way, so such plain scalars stay the text they
 * are (`0`, `0.5`, `0x1F` and quoted values are untouched). Changes the parsed document's
 * scalar nodes, before it becomes data.
 */
export function keepLeadingZeroDigits(doc: Document.Parsed): void {
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && node.type === 'PLAIN' && typeof node.value === 'number' && typeof node.source === 'string' && LEADING_ZERO_DIGITS.test(node.source)) {
        node.value = node.source
      }
    },
  })
}
