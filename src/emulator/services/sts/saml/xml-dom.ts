import { createRequire } from 'node:module'

/**
 * The slice of the W3C DOM the SAML code reads, and @xmldom/xmldom's parser behind it. The
 * package's own typings pull TypeScript's whole "dom" lib into the project, whose fetch types
 * clash with Node's, so it is loaded untyped here and given these few interfaces instead.
 */
export interface XmlNode {
  readonly nodeType: number
  readonly firstChild: XmlNode | null
  readonly nextSibling: XmlNode | null
  readonly textContent: string | null
}

export interface XmlElement extends XmlNode {
  readonly namespaceURI: string | null
  readonly localName: string | null
  hasAttribute(name: string): boolean
  getAttribute(name: string): string | null
}

export interface XmlDocument {
  readonly documentElement: XmlElement | null
}

interface ErrorHandler {
  warning: (msg: string) => void
  error: (msg: string) => void
  fatalError: (msg: string) => void
}

interface DomParser {
  parseFromString(xml: string, mimeType: string): XmlDocument | undefined
}

const xmldom = createRequire(import.meta.url)('@xmldom/xmldom') as { DOMParser: new (options: { errorHandler: ErrorHandler }) => DomParser }

/** Parse `xml` (text/xml); `errorHandler` decides what a parse error does. */
export function parseDom(xml: string, errorHandler: ErrorHandler): XmlDocument | undefined {
  return new xmldom.DOMParser({ errorHandler }).parseFromString(xml, 'text/xml')
}

/** Whether `n` is an element (nodeType 1). */
export const isElement = (n: XmlNode): n is XmlElement => n.nodeType === 1
