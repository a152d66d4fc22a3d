import { z } from 'zod';

import type { IntrospectionPolicy } from './graphql/introspection';
import type { QueryLimits } from './graphql/limits';

const emptyAsUnset = (value: unknown) => (value === '' ? undefined : value);
const int = (min: number, max: number, fallback: number) =>
  z.preprocess(emptyAsUnset, z.coerce.number().int().min(min).max(max).default(fallback));
const optionalFlag = z.preprocess(emptyAsUnset, z.enum(['0', '1', 'true', 'false']).optional());
const onOff = (value: string | undefined, fallback: boolean) => (value === undefined ? fallback : value === '1' || value === 'true');

/** Environment variables of the hardening layer (query limits, rate limits, idempotency, timeouts, origins). */
export const hardeningEnv = {
  QUERY_MAX_DEPTH: int(1, 100, 10),
  QUERY_MAX_ALIASES: int(0, 1000, 15),
  QUERY_MAX_DIRECTIVES: int(0, 1000, 10),
  QUERY_MAX_TOKENS: int(10, 100_000, 2_000),
  QUERY_MAX_COST: int(1, 10_000_000, 10_000),
  REQUEST_BODY_LIMIT_BYTES: int(1_024, 10_485_760, 102_400),
  WS_MAX_PAYLOAD_BYTES: int(1_024, 10_485_760, 65_536),
  WS_MAX_SUBSCRIPTIONS: int(1, 1_000, 50),
  RATE_LIMIT_ENABLED: optionalFlag,
  RATE_LIMIT_WINDOW_SECONDS: int(1, 86_400, 60),
  RATE_LIMIT_IP: int(1, 1_000_000, 1_200),
  RATE_LIMIT_READS: int(1, 1_000_000, 600),
  RATE_LIMIT_MUTATIONS: int(1, 1_000_000, 120),
  LOGIN_RATE_LIMIT_ACCOUNT: int(1, 10_000, 10),
  LOGIN_RATE_LIMIT_IP: int(1, 100_000, 50),
  LOGIN_RATE_WINDOW_SECONDS: int(1, 86_400, 900),
  IDEMPOTENCY_TTL_HOURS: int(1, 720, 24),
  DB_STATEMENT_TIMEOUT_MS: int(100, 600_000, 5_000),
  GRAPHQL_INTROSPECTION: z.preprocess(emptyAsUnset, z.enum(['0', '1', 'true', 'false', 'signed-in']).optional()),
  ALLOWED_ORIGINS: z.preprocess(emptyAsUnset, z.string().optional()),
  TRUST_PROXY: int(0, 10, 0),
};

type HardeningEnv = z.infer<z.ZodObject<typeof hardeningEnv>>;

export interface RateLimitConfig {
  enabled: boolean;
  windowSeconds: number;
  /** Requests per IP per window, whoever calls. */
  perIp: number;
  /** Queries per signed-in user per window. */
  reads: number;
  /** Mutations per user (or per IP when anonymous) per window. */
  mutations: number;
  login: { perAccount: number; perIp: number; windowSeconds: number };
}

export interface HardeningConfig {
  queryLimits: QueryLimits;
  bodyLimitBytes: number;
  ws: { maxPayloadBytes: number; maxSubscriptionsPerSocket: number };
  rateLimits: RateLimitConfig;
  idempotencyTtlHours: number;
  /** GRAPHQL_INTROSPECTION: on outside production; in production only for signed-in callers. */
  introspection: IntrospectionPolicy;
  statementTimeoutMs: number;
  /** Browser origins allowed to open a WebSocket besides the API's own; `*` allows any. */
  allowedOrigins: string[];
  /** Proxy hops in front of the API (Express `trust proxy`), so per-IP limits see the client. */
  trustProxy: number;
}

/** Rate limits are on by default, except under NODE_ENV=test where suites register many users from one IP. */
export function hardeningConfig(env: HardeningEnv & { NODE_ENV: string }): HardeningConfig {
  return {
    queryLimits: {
      maxDepth: env.QUERY_MAX_DEPTH,
      maxAliases: env.QUERY_MAX_ALIASES,
      maxDirectives: env.QUERY_MAX_DIRECTIVES,
      maxTokens: env.QUERY_MAX_TOKENS,
      maxCost: env.QUERY_MAX_COST,
      blockFieldSuggestions: env.NODE_ENV === 'production',
    },
    bodyLimitBytes: env.REQUEST_BODY_LIMIT_BYTES,
    ws: { maxPayloadBytes: env.WS_MAX_PAYLOAD_BYTES, maxSubscriptionsPerSocket: env.WS_MAX_SUBSCRIPTIONS },
    rateLimits: {
      enabled: onOff(env.RATE_LIMIT_ENABLED, env.NODE_ENV !== 'test'),
      windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS,
      perIp: env.RATE_LIMIT_IP,
      reads: env.RATE_LIMIT_READS,
      mutations: env.RATE_LIMIT_MUTATIONS,
      login: { perAccount: env.LOGIN_RATE_LIMIT_ACCOUNT, perIp: env.LOGIN_RATE_LIMIT_IP, windowSeconds: env.LOGIN_RATE_WINDOW_SECONDS },
    },
    idempotencyTtlHours: env.IDEMPOTENCY_TTL_HOURS,
    introspection: introspectionPolicy(env.GRAPHQL_INTROSPECTION, env.NODE_ENV === 'production'),
    statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS,
    allowedOrigins: (env.ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim().replace(/\/$/, ''))
      .filter(Boolean),
    trustProxy: env.TRUST_PROXY,
  };
}

function introspectionPolicy(value: string | undefined, production: boolean): IntrospectionPolicy {
  if (value === undefined) return production ? 'signed-in' : 'on';
  if (value === 'signed-in') return value;
  return onOff(value, true) ? 'on' : 'off';
}
