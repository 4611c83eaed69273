// Two entry points share one engine: the CLI (also the git hooks) and the Action.
// The CLI chunk must not pull in @actions/* or Octokit: it starts on every push.
import commonjs from '@rollup/plugin-commonjs'
import json from '@rollup/plugin-json'
import nodeResolve from '@rollup/plugin-node-resolve'
import typescript from '@rollup/plugin-typescript'

// seek-bzip allocates with `new Buffer(size)`; once bundled (outside node_modules) Node prints a
// deprecation warning (DEP0005) on every run that decodes bzip2. Every call there passes a size.
const seekBzipBufferAlloc = {
  name: 'seek-bzip-buffer-alloc',
  transform(code, id) {
    return id.includes('/node_modules/seek-bzip/') ? code.replaceAll('new Buffer(', 'Buffer.alloc(') : null
  }
}

// @cyclonedx/cyclonedx-library (the `inventory` ML-BOM) probes optional packages for XML and schema
// validation with require() inside try/catch. We write JSON only, so each probe gets an empty
// module: the library finds them missing, instead of the bundle importing packages not installed.
const CYCLONEDX_OPTIONAL = new Set(['xmlbuilder2', 'libxmljs2', 'ajv', 'ajv-formats', 'ajv-formats-draft2019'])
const cyclonedxOptionalPeers = {
  name: 'cyclonedx-optional-peers',
  resolveId(id, importer) {
    return CYCLONEDX_OPTIONAL.has(id) && importer?.includes('/@cyclonedx/cyclonedx-library/') ? `\0absent:${id}` : null
  },
  load(id) {
    return id.startsWith('\0absent:') ? 'export default {}' : null
  }
}

const config = {
  input: { index: 'src/index.ts', cli: 'src/cli.ts' },
  output: {
    dir: 'dist',
    format: 'es',
    esModule: true,
    sourcemap: false,
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name].js',
    banner: (chunk) => (chunk.name === 'cli' ? '#!/usr/bin/env node' : '')
  },
  onwarn(warning, warn) {
    if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'THIS_IS_UNDEFINED') return
    warn(warning)
  },
  plugins: [
    seekBzipBufferAlloc,
    cyclonedxOptionalPeers,
    typescript(),
    json(),
    nodeResolve({ preferBuiltins: true }),
    commonjs()
  ]
}

export default config
