// Every bound on detection in one place: how much is read, decompressed, listed and walked.
// `index.ts` re-exports LIMITS; readers import it from here (index.ts imports them, so not from there).

export const KiB = 1024
export const MiB = 1024 * KiB

export const LIMITS = {
  /** Bytes of every blob read before anything is decided. */
  headBytes: 64 * KiB,
  /** Most bytes read of an archive, a compressed blob or a format whose metadata sits late. */
  readCap: 64 * MiB,
  /**
   * Last bytes of a blob read besides its prefix (a zip's end record with the longest comment):
   * where a zip appended to other bytes, or the directory of a zip larger than the read cap, ends.
   * A directory or 7z header that does not fit is read again, up to `readCap`.
   */
  tailBytes: 64 * KiB + 22,
  /**
   * Largest git blob read to its end for its tail: git cannot seek into an object, so the whole of it
   * streams past. Above every forge's file limit (GitHub: 100 MiB). A larger blob whose prefix says
   * nothing and is not text or media is an unknown finding (its end could hold a zip).
   */
  tailScanMax: 128 * MiB,
  /** What each format reads when its head says it needs more than `headBytes`. */
  reads: {
    /** Pickles: globals can sit past the first 64 KiB. */
    pickle: 4 * MiB,
    /** Java and R object streams: the model's class names can sit past the first 64 KiB. */
    serialized: 4 * MiB,
    /** HDF5: the root group's attributes (more when the head points further). */
    hdf5: 4 * MiB,
    /** GGUF: general.* keys come first, the vocabulary later. */
    gguf: 8 * MiB,
    /** safetensors: the JSON header, whatever its declared length. */
    safetensorsHeader: 16 * MiB,
    /** ONNX: metadata_props follow the graph. */
    onnx: 16 * MiB,
    /** A small JSON or text member of an archive (Keras config, skops schema). */
    archiveMetadata: 256 * KiB,
    /** HDF5: read this far past where the head says the root attributes lie (their messages and heap). */
    hdf5Margin: 64 * KiB,
    /** TorchScript `_extra_files`: the first `files` of at most `maxSize` bytes each, `bytes` of each read. */
    torchExtraFiles: { files: 32, maxSize: 64 * KiB, bytes: 4 * KiB },
    /** XML (PMML, OpenVINO IR): the characters searched for the root element and what it holds. */
    xmlHead: 16 * KiB
  },
  /** A gzip or zlib stream's start decoded at once to decide how much to read: input taken, output allowed. */
  peek: { input: 4 * KiB, output: 8 * MiB },
  /** Archives inside archives: the blob's own archive is depth 1. */
  maxDepth: 2,
  /** Compression layers unwrapped in a row (gzip of xz of ...). */
  maxLayers: 3,
  /** Archive members examined, over all nesting levels. */
  maxMembers: 4096,
  /** Entries listed from one archive's directory or headers. */
  maxListed: 65_536,
  /** Member names one finding lists (members of an archive that could not be read); the rest are counted. */
  namesReported: 50,
  /** Bytes decompressed in total. */
  decompressBudget: 256 * MiB,
  /** The largest zstd window decoded (the reference decoder's default limit, 2^27): fzstd allocates it. */
  zstdWindow: 128 * MiB,
  /** A member whose declared size is this many times its packed size (and above bombMinBytes) is not opened. */
  bombRatio: 200,
  bombMinBytes: 4 * MiB,
  /** The pickle walker: a 4 MiB read of text opcodes (2+ bytes each, `I0\na`) fits in maxOps. */
  pickle: {
    maxOps: 2_000_000,
    /** Pickles in a row (`pickle.dump` once per record); bytes past the last one walked are never judged data. */
    maxPickles: 4096,
    maxStack: 100_000,
    maxMemo: 200_000,
    maxGlobals: 256,
    maxLine: 64 * KiB
  },
  /** Key-value pairs walked in a GGUF header. */
  ggufKeys: 100_000,
  /** Maps and arrays nested in a Flax msgpack checkpoint before it is not one. */
  flaxDepth: 64,
  /** Class descriptors listed from a Java serialization stream. */
  javaClasses: 256,
  /** The R object walk: nesting, items (vector elements, pairlist nodes) and class-shaped attributes looked at. */
  rObject: { maxDepth: 64, maxItems: 1_000_000, classCandidates: 4096 },
  /** Nodes walked in a skops schema.json. */
  skopsNodes: 10_000,
  /** Annoy has no header: the vector dimensions tried when looking for its node size. */
  annoyMaxDimension: 4096,
  /** Messages and continuation blocks followed in an HDF5 object header. */
  hdf5: { maxMessages: 4096, maxContinuations: 64 }
} as const
