import type { ApolloServerPlugin } from '@apollo/server';
import { Router } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

import { errorCodeOf } from '../graphql/response-status';

/** Where the gauges read their values at scrape time. */
export interface MetricSources {
  sockets(): { sockets: number; subscriptions: number };
  /** Events this instance's outbox relay has published so far. */
  eventsPublished(): number;
  /** Events replayed to reconnecting subscribers so far. */
  eventsReplayed(): number;
  /** Age in seconds of the oldest unpublished outbox event (0 when none). */
  outboxLagSeconds(): Promise<number>;
}

/** Operation names come from clients: only this many distinct ones get their own label. */
const MAX_OPERATION_LABELS = 200;
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

/** A counter that mirrors a running total kept elsewhere. */
function mirror(registry: Registry, name: string, help: string, read: () => number): Counter {
  let last = 0;
  return new Counter({
    name,
    help,
    registers: [registry],
    collect() {
      const now = read();
      if (now > last) this.inc(now - last);
      last = now;
    },
  });
}

/** Prometheus metrics of one app instance (its own registry, so several apps can share a process in tests). */
export class Metrics {
  readonly registry = new Registry();
  private readonly duration: Histogram<'operation' | 'type'>;
  private readonly errors: Counter<'code'>;
  private readonly operations = new Set<string>();

  constructor(sources: MetricSources) {
    collectDefaultMetrics({ register: this.registry, prefix: 'xecution_' });
    this.duration = new Histogram({
      name: 'xecution_graphql_request_duration_seconds',
      help: 'GraphQL requests over HTTP by operation name and type',
      labelNames: ['operation', 'type'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.errors = new Counter({
      name: 'xecution_graphql_errors_total',
      help: 'GraphQL errors sent to clients, by extensions.code',
      labelNames: ['code'],
      registers: [this.registry],
    });
    new Gauge({
      name: 'xecution_websocket_connections',
      help: 'Open graphql-ws sockets',
      registers: [this.registry],
      collect() {
        this.set(sources.sockets().sockets);
      },
    });
    new Gauge({
      name: 'xecution_active_subscriptions',
      help: 'Running subscriptions over all sockets',
      registers: [this.registry],
      collect() {
        this.set(sources.sockets().subscriptions);
      },
    });
    mirror(this.registry, 'xecution_events_published_total', 'Game events published from the outbox by this instance', () =>
      sources.eventsPublished(),
    );
    mirror(this.registry, 'xecution_events_replayed_total', 'Game events replayed to subscribers that reconnected with `after`', () =>
      sources.eventsReplayed(),
    );
    new Gauge({
      name: 'xecution_outbox_lag_seconds',
      help: 'Age of the oldest committed game event not yet published (0 when the outbox is empty)',
      registers: [this.registry],
      async collect() {
        this.set(await sources.outboxLagSeconds().catch(() => -1));
      },
    });
  }

  /** Counts an error code (also for refusals outside Apollo, such as the token limit). */
  countError(code: string): void {
    this.errors.inc({ code });
  }

  /** Apollo plugin: request duration by operation, errors by code. */
  plugin(): ApolloServerPlugin {
    return {
      requestDidStart: async () => {
        const end = this.duration.startTimer();
        return {
          willSendResponse: async ({ response, operation, operationName }) => {
            end({ operation: this.label(operationName), type: operation?.operation ?? 'unknown' });
            if (response.body.kind !== 'single') return;
            for (const error of response.body.singleResult.errors ?? []) this.countError(errorCodeOf(error));
          },
        };
      },
    };
  }

  /** GET /metrics in the Prometheus text format. */
  router(): Router {
    const router = Router();
    router.get('/metrics', async (_req, res) => {
      res.type(this.registry.contentType).send(await this.registry.metrics());
    });
    return router;
  }

  private label(operationName: string | null | undefined): string {
    if (!operationName || !OPERATION_NAME.test(operationName)) return 'anonymous';
    if (this.operations.has(operationName)) return operationName;
    if (this.operations.size >= MAX_OPERATION_LABELS) return 'other';
    this.operations.add(operationName);
    return operationName;
  }
}
