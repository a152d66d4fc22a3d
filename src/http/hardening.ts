import type { IncomingMessage } from 'node:http';

import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler, Router } from 'express';
import type { ParseOptions, ValidationRule } from 'graphql';

import type { Session } from '../auth/session';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { introspectionPlugin } from '../graphql/introspection';
import {
  apolloLimitOptions,
  blockFieldSuggestionsPlugin,
  refusalMiddleware,
  refuseBeforeApollo,
  type RefuseCheck,
} from '../graphql/limits';
import { responseStatusPlugin } from '../graphql/response-status';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import { Metrics, type MetricSources } from '../observability/metrics';
import { requestLogPlugin } from '../observability/request-log';
import type { RateLimitStore } from '../rate-limits/rate-limit-store';
import { healthRouter } from './health.route';
import { IdempotencyStore } from './idempotency';
import { RequestRateLimits } from './rate-limit';

/** What the hardening plugins read of a request's context: the caller, its address and its logger. */
export interface HardenedRequest {
  session: Session;
  clientIp?: string;
  log: Logger;
}

export interface HardeningDeps {
  config: Config;
  db: Database;
  clock: Clock;
  log: Logger;
  /** The instance's rate-limit counters (shared with the coach's limit). */
  rateLimits: RateLimitStore;
  /** Redis connected (null without REDIS_URL), for readiness. */
  redisHealthy(): boolean | null;
  metrics: Omit<MetricSources, 'outboxLagSeconds'>;
}

export interface Hardening {
  /** Spread into Apollo's options: limit rules, parser bound, CSRF prevention and the plugins. */
  apollo: {
    validationRules: ValidationRule[];
    parseOptions: ParseOptions;
    csrfPrevention: { requestHeaders: string[] };
    plugins: ApolloServerPlugin<HardenedRequest>[];
  };
  /** Runs a /graphql request inside its scope (an Idempotency-Key request tracks its commits). */
  requestScope(req: IncomingMessage, next: () => void): void;
  /** The checks in front of Apollo for a parsed body (token limit, subscriptions over HTTP). */
  refuse: RefuseCheck;
  /** The same checks as Express middleware, after the JSON body parser (GET and non-JSON bodies). */
  graphqlMiddleware: RequestHandler;
  /** /health/live, /health/ready and /metrics. */
  routers: Router[];
  metrics: Metrics;
}

/**
 * Headers a cross-site form or image cannot send (a browser preflights them), so a request carrying one
 * is no CSRF: Apollo's two, plus Authorization (every signed-in client sends it, urql's GETs included).
 * A JSON content type passes too (Apollo checks that itself).
 */
const CSRF_SAFE_HEADERS = ['authorization', 'x-apollo-operation-name', 'apollo-require-preflight'];

/**
 * The hardening layer in one place: query limits, rate limits, idempotency keys, response statuses,
 * request logs, metrics and health checks, built from the configuration.
 */
export function createHardening(deps: HardeningDeps): Hardening {
  const { hardening } = deps.config;
  const store = deps.rateLimits;
  const rateLimits = new RequestRateLimits(store, hardening.rateLimits);
  const idempotency = new IdempotencyStore(deps.db, deps.clock, hardening.idempotencyTtlHours);
  const metrics = new Metrics({
    ...deps.metrics,
    outboxLagSeconds: async () => {
      const [row] = await deps.db.query<{ oldest: Date | string | null }>(
        'SELECT min(occurred_at) AS oldest FROM game_events WHERE published_at IS NULL',
      );
      return row?.oldest ? Math.max(0, (deps.clock.now().getTime() - new Date(row.oldest).getTime()) / 1000) : 0;
    },
  });
  const limits = hardening.queryLimits;
  /** Refusals before Apollo, counted like every other error (both HTTP paths use this one check). */
  const refuse: RefuseCheck = (query, operationName, variables) => {
    const refusal = refuseBeforeApollo(limits, query, operationName, variables);
    if (refusal) metrics.countError(refusal.code);
    return refusal;
  };
  return {
    apollo: {
      ...apolloLimitOptions(limits),
      csrfPrevention: { requestHeaders: CSRF_SAFE_HEADERS },
      plugins: [
        rateLimits.plugin(),
        idempotency.plugin(),
        responseStatusPlugin,
        metrics.plugin(),
        requestLogPlugin(deps.log),
        ...(limits.blockFieldSuggestions ? [blockFieldSuggestionsPlugin] : []),
        introspectionPlugin(hardening.introspection),
      ],
    },
    requestScope: (req, next) => idempotency.scope(req, next),
    refuse,
    graphqlMiddleware: refusalMiddleware(refuse),
    routers: [
      healthRouter({
        database: async () => {
          await deps.db.query('SELECT 1');
        },
        redis: () => {
          const transport = deps.redisHealthy();
          return transport === null ? null : transport && store.isHealthy();
        },
      }),
      metrics.router(),
    ],
    metrics,
  };
}
