// PMML: XML whose root element is <PMML> (any prefix), after an optional BOM, XML declaration,
// comments and doctype. An XML whose root is something else (a Maven pom, an SVG) stays quiet.
import type { BlobPrefix, Sniffed } from './sniff.js'

const PROLOG = /^(\ufeff)?(\s|<\?xml[^>]*\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)*/
const ROOT = /^<(?:[A-Za-z_][\w.-]*:)?PMML[\s>/]/

export function sniffPmml(blob: BlobPrefix): Sniffed | null {
  if (blob.bytes.length === 0 || (blob.bytes[0] !== 0x3c && blob.bytes[0] !== 0xef && blob.bytes[0] > 0x20)) return null
  const head = blob.bytes.toString('utf8', 0, Math.min(blob.bytes.length, 16 * 1024))
  const rest = head.slice(PROLOG.exec(head)?.[0].length ?? 0)
  if (!ROOT.test(rest)) return null
  const tag = rest.slice(0, rest.indexOf('>') + 1)
  const version = /\sversion\s*=\s*["']([^"']+)["']/.exec(tag)?.[1] ?? null
  const model = /<(?:[\w.-]+:)?(\w+Model|MiningModel|Scorecard|NearestNeighborModel)[\s>]/.exec(head)?.[1]
  const kind = model === 'NearestNeighborModel' ? 'knn-index' : 'weights'
  return { format: 'pmml', kind, detail: { version, ...(model ? { modelElement: model } : {}) } }
}
