export default {
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js'],
  preset: 'ts-jest',
  resolver: 'ts-jest-resolver',
  testEnvironment: 'node',
  testMatch: ['**/__tests__/**/*.test.ts'],
  testPathIgnorePatterns: ['/dist/', '/node_modules/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', useESM: true, diagnostics: { ignoreCodes: [151002] } }]
  },
  testTimeout: 60000,
  // `npm run test:coverage` (what .ci/run runs) fails under these. The entry points only start
  // run()/runCli() and run as bundles in child processes; everything they call is tested in-process.
  collectCoverageFrom: ['src/**/*.ts', '!src/index.ts', '!src/cli.ts'],
  coverageReporters: ['text-summary', 'json-summary'],
  coverageThreshold: {
    global: { statements: 92, branches: 83, functions: 94, lines: 94 },
    './src/action/': { statements: 90, branches: 82, functions: 98, lines: 92 },
    './src/main.ts': { statements: 90, branches: 80, functions: 100, lines: 90 }
  }
}
