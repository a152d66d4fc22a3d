/**
 * Tests run TypeScript through ts-jest, transpile-only (types are checked by `npm run typecheck`), with
 * decorator metadata emitted as tsconfig.json asks (type-graphql and TypeORM need it).
 */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true, diagnostics: false }] },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  setupFiles: ['reflect-metadata'],
  testTimeout: 30000,
  maxWorkers: 2,
};
