import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ConfigError, loadConfig } from '../../src/config';

const SECRET = 'x'.repeat(40);
const base = () => ({ DATA_DIR: mkdtempSync(join(tmpdir(), 'xecution-config-')) });

function refusal(env: Record<string, string>): string {
  try {
    loadConfig({ ...base(), ...env });
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error(`configuration was accepted: ${JSON.stringify(env)}`);
}

test('production refuses to start without JWT_SECRET, or with TEST_CLOCK', () => {
  expect(refusal({ NODE_ENV: 'production' })).toMatch(/JWT_SECRET/);
  expect(refusal({ NODE_ENV: 'production', JWT_SECRET: SECRET, TEST_CLOCK: '1' })).toMatch(/TEST_CLOCK/);
  expect(refusal({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toMatch(/JWT_SECRET/);
  expect(loadConfig({ ...base(), NODE_ENV: 'production', JWT_SECRET: SECRET, TEST_CLOCK: '' }).env).toBe('production');
});

test.each([
  ['QUERY_MAX_DEPTH', 'deep'],
  ['QUERY_MAX_TOKENS', '0'],
  ['QUERY_MAX_COST', '-1'],
  ['REQUEST_BODY_LIMIT_BYTES', '10'],
  ['RATE_LIMIT_ENABLED', 'maybe'],
  ['RATE_LIMIT_READS', '1.5'],
  ['DB_STATEMENT_TIMEOUT_MS', '5'],
  ['IDEMPOTENCY_TTL_HOURS', '0'],
])('a bad %s is named in one line', (name, value) => {
  const message = refusal({ [name]: value });
  expect(message).toContain(name);
  expect(message.split('\n')).toHaveLength(1);
});

test('limits have safe defaults and follow the environment', () => {
  const defaults = loadConfig({ ...base(), NODE_ENV: 'development' }).hardening;
  expect(defaults.queryLimits).toMatchObject({ maxDepth: 10, maxAliases: 15, maxTokens: 2000, blockFieldSuggestions: false });
  expect(defaults.rateLimits.enabled).toBe(true);
  expect(defaults.statementTimeoutMs).toBe(5000);
  expect(loadConfig({ ...base(), NODE_ENV: 'test' }).hardening.rateLimits.enabled).toBe(false);
  const production = loadConfig({
    ...base(),
    NODE_ENV: 'production',
    JWT_SECRET: SECRET,
    ALLOWED_ORIGINS: 'https://a.example/, https://b.example',
  });
  expect(production.hardening.queryLimits.blockFieldSuggestions).toBe(true);
  expect(production.hardening.allowedOrigins).toEqual(['https://a.example', 'https://b.example']);
});

test('the real entry point exits 1 with one line naming the variable', () => {
  const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/index.ts'], {
    cwd: join(__dirname, '..', '..'),
    env: { PATH: process.env.PATH, NODE_ENV: 'production', DATA_DIR: base().DATA_DIR, PORT: '0' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(result.status).toBe(1);
  expect(result.stderr.trim().split('\n')).toEqual(['Invalid configuration: JWT_SECRET is required when NODE_ENV=production']);
}, 60_000);
