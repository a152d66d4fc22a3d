import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { z } from 'zod';

import { type HardeningConfig, hardeningConfig, hardeningEnv } from './hardening.config';

/** Thrown for bad configuration: the entry point prints its one-line message and exits. */
export class ConfigError extends Error {}

const emptyAsUnset = (value: unknown) => (value === '' ? undefined : value);
const optionalString = z.preprocess(emptyAsUnset, z.string().optional());
const flag = z.preprocess(emptyAsUnset, z.enum(['0', '1', 'true', 'false']).optional()).transform((v) => v === '1' || v === 'true');

const envSchema = z.object({
  ...hardeningEnv,
  NODE_ENV: z.preprocess(emptyAsUnset, z.enum(['development', 'production', 'test']).default('development')),
  PORT: z.preprocess(emptyAsUnset, z.coerce.number().int().min(0).max(65535).default(4000)),
  DATABASE_URL: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .url()
      .refine((u) => /^postgres(ql)?:/.test(u), 'must be a postgres:// URL')
      .optional(),
  ),
  REDIS_URL: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .url()
      .refine((u) => /^rediss?:/.test(u), 'must be a redis:// URL')
      .optional(),
  ),
  JWT_SECRET: z.preprocess(emptyAsUnset, z.string().min(32, 'must be at least 32 characters').optional()),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: z.preprocess(emptyAsUnset, z.string().url().optional()),
  OPENAI_MODEL: z.preprocess(emptyAsUnset, z.string().default('gpt-4o-mini')),
  TEST_CLOCK: flag,
  GRAPHQL_IDE: z.preprocess(emptyAsUnset, z.enum(['0', '1', 'true', 'false']).optional()),
  LOG_LEVEL: z.preprocess(emptyAsUnset, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
  DATA_DIR: z.preprocess(emptyAsUnset, z.string().default('./.data')),
  DB_POOL_SIZE: z.preprocess(emptyAsUnset, z.coerce.number().int().min(1).max(100).default(8)),
  DB_PREPARED_STATEMENTS: z
    .preprocess(emptyAsUnset, z.enum(['0', '1', 'true', 'false']).optional())
    .transform((v) => v === undefined || v === '1' || v === 'true'),
  ACCESS_TOKEN_TTL_SECONDS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(10).max(86400).default(900)),
  REFRESH_TOKEN_TTL_DAYS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(1).max(365).default(30)),
  COACH_TIMEOUT_MS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(100).max(600_000).default(60_000)),
  COACH_FIRST_TOKEN_TIMEOUT_MS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(100).max(600_000).default(20_000)),
  COACH_PROMPT_TIMEOUT_MS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(100).max(600_000).default(5_000)),
  COACH_CONTEXT_TOKENS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(200).max(200_000).default(4_000)),
  COACH_MAX_MESSAGE_CHARS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(10).max(20_000).default(2_000)),
  COACH_RATE_LIMIT: z.preprocess(emptyAsUnset, z.coerce.number().int().min(1).max(10_000).default(30)),
  COACH_RATE_WINDOW_SECONDS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(1).max(86_400).default(60)),
  COACH_FLUSH_MS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(0).max(5_000).default(20)),
  COACH_CHECKPOINT_MS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(0).max(60_000).default(1_000)),
  COACH_OFFLINE_TOKEN_MS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(0).max(5_000).default(15)),
  JOBS_WORKERS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(0).max(32).default(2)),
  JOBS_POLL_SECONDS: z.preprocess(emptyAsUnset, z.coerce.number().min(0.5).max(60).default(0.5)),
  JOBS_EXPIRE_SECONDS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(1).max(86_400).default(300)),
  JOBS_RETRY_DELAY_SECONDS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(0).max(3_600).default(5)),
  JOBS_MAINTENANCE_SECONDS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(1).max(3_600).default(30)),
  DAY_CLOSE_BATCH: z.preprocess(emptyAsUnset, z.coerce.number().int().min(1).max(5_000).default(500)),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  port: number;
  databaseUrl?: string;
  redisUrl?: string;
  jwtSecret: string;
  openai: { apiKey?: string; baseUrl?: string; model: string };
  testClock: boolean;
  /** GraphiQL at GET /graphql (GRAPHQL_IDE; default: on outside production). */
  graphqlIde: boolean;
  logLevel: Env['LOG_LEVEL'];
  dataDir: string;
  dbPoolSize: number;
  /** Prepare parameterised statements once per connection (real PostgreSQL). */
  dbPreparedStatements: boolean;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  coach: CoachConfig;
  /** Query and rate limits, idempotency, statement timeout, allowed origins. */
  hardening: HardeningConfig;
  jobs: JobsConfig;
}

/** The job engine (pg-boss): workers of this instance and how crashed jobs are noticed. */
export interface JobsConfig {
  /** Workers per job kind in this instance (0: this instance only enqueues). */
  workers: number;
  /** How often an idle worker asks for a due job. */
  pollSeconds: number;
  /** An active job older than this is taken for crashed and retried. */
  expireSeconds: number;
  retryDelaySeconds: number;
  /** How often pg-boss looks for expired jobs and archives finished ones. */
  maintenanceSeconds: number;
  /** Users per day-close batch job (and per transaction). */
  dayCloseBatch: number;
}

/** The coach's limits and timeouts (all in milliseconds unless named otherwise). */
export interface CoachConfig {
  /** The longest a reply may stream in total. */
  timeoutMs: number;
  /** The longest the provider may take to send its first token. */
  firstTokenTimeoutMs: number;
  /** Bound on short, non-streaming completions (recovery prompts, onboarding questions, roadmaps per attempt ×10). */
  promptTimeoutMs: number;
  /** Token budget of a prompt: the oldest turns are dropped first. */
  contextTokens: number;
  maxMessageChars: number;
  /** Coach calls per user per window. */
  rateLimit: number;
  rateWindowSeconds: number;
  /**
   * Tokens are coalesced into one chunk at most this often: a token after a quiet spell goes out at once,
   * faster ones wait up to this long. It bounds chunks per stream (50/s at 20 ms) and the delay it adds.
   */
  flushMs: number;
  /** A streaming reply's text reaches PostgreSQL at most this often (its live state is in Redis or memory). */
  checkpointMs: number;
  /** Pace of the offline coach's stream, per token. */
  offlineTokenMs: number;
}

/** Reads and validates the environment; throws ConfigError naming the first bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Invalid configuration: ${issue.path.join('.')} ${issue.message}`);
  }
  const env = parsed.data;
  const production = env.NODE_ENV === 'production';
  if (production && env.TEST_CLOCK) {
    throw new ConfigError('Invalid configuration: TEST_CLOCK must not be set when NODE_ENV=production');
  }
  if (production && !env.JWT_SECRET) {
    throw new ConfigError('Invalid configuration: JWT_SECRET is required when NODE_ENV=production');
  }
  const dataDir = resolve(env.DATA_DIR);
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    jwtSecret: env.JWT_SECRET ?? developmentSecret(dataDir),
    openai: { apiKey: env.OPENAI_API_KEY, baseUrl: env.OPENAI_BASE_URL, model: env.OPENAI_MODEL },
    testClock: env.TEST_CLOCK,
    graphqlIde: env.GRAPHQL_IDE === undefined ? !production : env.GRAPHQL_IDE === '1' || env.GRAPHQL_IDE === 'true',
    logLevel: env.LOG_LEVEL,
    dataDir,
    dbPoolSize: env.DB_POOL_SIZE,
    dbPreparedStatements: env.DB_PREPARED_STATEMENTS,
    accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlDays: env.REFRESH_TOKEN_TTL_DAYS,
    hardening: hardeningConfig(env),
    coach: {
      timeoutMs: env.COACH_TIMEOUT_MS,
      firstTokenTimeoutMs: env.COACH_FIRST_TOKEN_TIMEOUT_MS,
      promptTimeoutMs: env.COACH_PROMPT_TIMEOUT_MS,
      contextTokens: env.COACH_CONTEXT_TOKENS,
      maxMessageChars: env.COACH_MAX_MESSAGE_CHARS,
      rateLimit: env.COACH_RATE_LIMIT,
      rateWindowSeconds: env.COACH_RATE_WINDOW_SECONDS,
      flushMs: env.COACH_FLUSH_MS,
      checkpointMs: env.COACH_CHECKPOINT_MS,
      offlineTokenMs: env.COACH_OFFLINE_TOKEN_MS,
    },
    jobs: {
      workers: env.JOBS_WORKERS,
      pollSeconds: env.JOBS_POLL_SECONDS,
      expireSeconds: env.JOBS_EXPIRE_SECONDS,
      retryDelaySeconds: env.JOBS_RETRY_DELAY_SECONDS,
      maintenanceSeconds: env.JOBS_MAINTENANCE_SECONDS,
      dayCloseBatch: env.DAY_CLOSE_BATCH,
    },
  };
}

/** Outside production a random secret is generated once and kept in DATA_DIR, so tokens survive restarts. */
function developmentSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(48).toString('base64url');
    writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}
