// The root element of an XML document, after an optional BOM, XML declaration, comments and doctype:
// what PMML and OpenVINO IR are told apart from other XML by.
import { LIMITS } from './limits.js'

const PROLOG = /^(\ufeff)?(\s|<\?xml[^>]*\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)*/
const ROOT = /^<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s>/]/

export interface XmlRoot {
  /** The root element's local name (without a namespace prefix). */
  name: string
  /** Its start tag, up to the first `>`. */
  tag: string
  /** The first LIMITS.reads.xmlHead characters of the document. */
  head: string
}

export function xmlRoot(bytes: Buffer): XmlRoot | null {
  if (bytes.length === 0 || (bytes[0] !== 0x3c && bytes[0] !== 0xef && bytes[0] > 0x20)) return null
  const head = bytes.toString('utf8', 0, Math.min(bytes.length, LIMITS.reads.xmlHead))
  const rest = head.slice(PROLOG.exec(head)?.[0].length ?? 0)
  const name = ROOT.exec(rest)?.[1]
  return name ? { name, tag: rest.slice(0, rest.indexOf('>') + 1), head } : null
}

/** The value of an attribute in a start tag, or null. */
export function xmlAttribute(tag: string, name: string): string | null {
  return new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`).exec(tag)?.[1] ?? null
}
