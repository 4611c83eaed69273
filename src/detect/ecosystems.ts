// Model formats of ecosystems with no loader here, registered together in index.ts: Java
// serialization (Weka, Smile, DL4J, H2O), R objects, Flax msgpack, MXNet, Caffe, Darknet, OpenVINO IR.
import { sniffFlax } from './flax.js'
import { sniffCaffe, sniffDarknet, sniffMxnet, sniffOpenvino } from './framework-weights.js'
import { javaWants, sniffJavaSerialized } from './java.js'
import { rWants, sniffRObject } from './rdata.js'
import type { Sniffer } from './sniff.js'

export const ECOSYSTEM_SNIFFERS: Sniffer[] = [
  sniffJavaSerialized,
  sniffRObject,
  sniffFlax,
  sniffMxnet,
  sniffCaffe,
  sniffDarknet,
  sniffOpenvino
]

/** Object streams whose class names can sit past the first 64 KiB are read further. */
export function ecosystemWants(head: Buffer): number | null {
  return javaWants(head) ?? rWants(head)
}
