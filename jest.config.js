/**
 * Tests run TypeScript through ts-jest, transpile-only (types are checked by `npm run typecheck`), with
 * decorator metadata emitted as tsconfig.json asks (type-graphql and TypeORM need it).
 */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true, diagnostics: false }] },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  setupFiles: ['reflect-metadata'],
  // Embedded runs: every test server starts from one migrated PGlite directory (test/support/pglite-template.ts).
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  testTimeout: 30000,
  maxWorkers: 2,
};
