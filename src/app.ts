import 'reflect-metadata';

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import proxyAddr from 'proxy-addr';

import { Session } from './auth/session';
import { AccessTokens, bearerToken } from './auth/tokens';
import { createCoachProvider } from './coach/providers/factory';
import { CoachRateLimiter } from './coach/rate-limit';
import { CoachRecoveryPrompts } from './coach/recovery-prompts';
import { RedisStreamState } from './coach/stream/redis-stream-state';
import { MemoryStreamState, type StreamStateStore } from './coach/stream/stream-state';
import type { Config } from './config';
import { type Context, RequestContext } from './context';
import { createDataSource, migrate } from './db/data-source';
import { Database } from './db/database';
import { countStatements, uncounted } from './db/statement-counter';
import { createErrorFormatter } from './errors/format-error';
import { graphqlOverHttpPlugin } from './graphql/media-type';
import { defaultDenyPlugin, statementCountPlugin } from './graphql-plugins';
import { corsHandler } from './http/cors';
import { dashboardRouter } from './http/dashboard.route';
import { graphqlIdePlugin } from './http/graphql-ide';
import { graphqlPostHandler, isPlainGraphqlPost } from './http/graphql-post';
import { createHardening, type Hardening } from './http/hardening';
import { requestErrorHandler } from './http/request-errors';
import { testClockRouter } from './http/test-clock.route';
import { createJobEngine, defineJobs } from './jobs';
import type { JobEngine } from './jobs/job-engine';
import { type Clock, SystemClock, TestClock } from './lib/clock';
import { createLogger, type Logger } from './lib/logger';
import { createLoaders } from './loaders';
import { RateLimitStore } from './rate-limits/rate-limit-store';
import { RedisConnections } from './redis/connections';
import { createSchema } from './schema';
import { createServices, type Services } from './services';
import { Catalog } from './services/catalog.service';
import { EventBus } from './subscriptions/event-bus';
import { LocalTransport } from './subscriptions/local-transport';
import { OutboxListener } from './subscriptions/outbox-listener';
import { OutboxRelay } from './subscriptions/outbox-relay';
import { RedisTransport } from './subscriptions/redis-transport';
import type { Transport } from './subscriptions/transport';
import { attachWebSocketServer } from './subscriptions/ws-server';

export interface App {
  readonly url: string;
  readonly config: Config;
  readonly clock: Clock;
  readonly db: Database;
  readonly services: Services;
  readonly log: Logger;
  readonly relay: OutboxRelay;
  readonly jobs: JobEngine;
  stop(): Promise<void>;
}

/** The composition root: builds every part from the configuration, starts listening, and knows how to stop. */
export async function startApp(config: Config, log: Logger = createLogger(config.logLevel)): Promise<App> {
  const clock: Clock = config.testClock ? new TestClock() : new SystemClock();
  const dataSource = createDataSource(
    {
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      poolSize: config.dbPoolSize,
      preparedStatements: config.dbPreparedStatements,
      statementTimeoutMs: config.hardening.statementTimeoutMs,
    },
    log,
  );
  await dataSource.initialize();
  const applied = await migrate(dataSource);
  if (applied > 0) log.info({ applied }, 'migrations applied');
  const db = new Database(dataSource);
  const redis = config.redisUrl ? new RedisConnections(config.redisUrl, log) : null;
  const transport: Transport = redis ? new RedisTransport(redis, log) : new LocalTransport();
  const rateLimits = new RateLimitStore(redis?.commands ?? null, log);
  const bus = new EventBus(transport);
  const accessTokens = new AccessTokens(config.jwtSecret, config.accessTokenTtlSeconds);
  const coachProvider = createCoachProvider(config);
  const coachRateLimiter = new CoachRateLimiter(rateLimits, {
    points: config.coach.rateLimit,
    windowSeconds: config.coach.rateWindowSeconds,
  });
  const coachStreams: StreamStateStore = config.redisUrl ? new RedisStreamState(config.redisUrl, log) : new MemoryStreamState();
  const jobs = createJobEngine(config, dataSource, clock, log);
  const services = createServices({
    jobs,
    dayCloseBatch: config.jobs.dayCloseBatch,
    db,
    catalog: await Catalog.load(db),
    accessTokens,
    refreshTokenTtlDays: config.refreshTokenTtlDays,
    recoveryPrompts: new CoachRecoveryPrompts(coachProvider, config.coach.promptTimeoutMs, log),
    bus,
    coach: { provider: coachProvider, rateLimiter: coachRateLimiter, streamState: coachStreams, config: config.coach, clock },
  });
  defineJobs(jobs, services, config, clock, log);
  await jobs.start();
  await services.dayClose.planAllZones({ session: Session.anonymous(), clock, log });
  const schema = await createSchema(transport);
  const relay = new OutboxRelay(dataSource, bus, log);
  db.onCommit(() => uncounted(() => relay.kick()));
  const outboxListener = config.databaseUrl ? new OutboxListener(config.databaseUrl, () => relay.kick(), log) : null;

  const expressApp = express();
  expressApp.disable('x-powered-by');
  // GraphQL responses are not cached by validators; hashing every body for an ETag is wasted work.
  expressApp.set('etag', false);
  // Requests are routed once /graphql is ready (below).
  const httpServer = createServer();
  // Longer than a load balancer's usual 60 s idle timeout, so the proxy (not us) closes idle connections
  // and a request never races the close of the connection it was sent on.
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;
  const formatError = createErrorFormatter(log);
  const hardening = createHardening({
    config,
    db,
    clock,
    log,
    rateLimits,
    redisHealthy: () => (config.redisUrl ? transport.isHealthy() : null),
    metrics: { sockets: () => sockets.stats(), eventsPublished: () => relay.published, eventsReplayed: () => services.liveEvents.replayed },
  });
  jobs.metrics.register(hardening.metrics.registry, () => jobs.dueCounts());
  const apollo = await createApollo(schema, httpServer, config, formatError, hardening);

  const createContext = (session: Session, requestId: string, clientIp?: string): Context =>
    new RequestContext(session, services, createLoaders(services, clock), clock, requestId, log, clientIp);
  const sessionFor = (authorization: unknown): Session => {
    const token = bearerToken(authorization);
    const claims = token ? accessTokens.verify(token) : null;
    return claims ? Session.forUser(claims.userId, claims.expiresAt) : Session.anonymous();
  };
  const sockets = attachWebSocketServer(httpServer, {
    schema,
    accessTokens,
    createContext,
    formatError,
    log,
    limits: {
      maxPayloadBytes: config.hardening.ws.maxPayloadBytes,
      connectionInitTimeoutMs: 5_000,
      maxSubscriptionsPerSocket: config.hardening.ws.maxSubscriptionsPerSocket,
      query: config.hardening.queryLimits,
      allowedOrigins: config.hardening.allowedOrigins,
    },
  });

  expressApp.set('trust proxy', config.hardening.trustProxy);
  expressApp.use(hardening.routers);
  if (clock instanceof TestClock) expressApp.use(testClockRouter(clock, jobs));
  expressApp.use('/dashboard', dashboardRouter());
  // Counting statements needs AsyncLocalStorage, which on Node 20 taxes every promise: test runs only.
  const countsStatements = config.testClock || config.env === 'test';
  const scoped = (req: IncomingMessage, next: () => void) =>
    hardening.requestScope(req, () => (countsStatements ? countStatements(next) : next()));
  const trustedHops = config.hardening.trustProxy;
  const graphqlContext = async (req: IncomingMessage, res: ServerResponse) => {
    const requestId = (typeof req.headers['x-request-id'] === 'string' && req.headers['x-request-id'].slice(0, 64)) || randomUUID();
    res.setHeader('x-request-id', requestId);
    // The client's address as Express's req.ip would tell it, trusting TRUST_PROXY hops.
    const clientIp = proxyAddr(req, (_addr, hop) => hop < trustedHops);
    return createContext(sessionFor(req.headers.authorization), requestId, clientIp);
  };
  const servePost = graphqlPostHandler(apollo, {
    bodyLimitBytes: config.hardening.bodyLimitBytes,
    refuse: (body) => hardening.refuse(body.query, body.operationName, body.variables),
    around: scoped,
    context: graphqlContext,
    log,
  });
  expressApp.use(
    '/graphql',
    (req, _res, next) => scoped(req, next),
    express.json({ limit: config.hardening.bodyLimitBytes }),
    hardening.graphqlMiddleware,
    expressMiddleware(apollo, { context: ({ req, res }) => graphqlContext(req, res) }),
  );
  expressApp.use(requestErrorHandler(log));
  const cors = corsHandler(config.hardening.allowedOrigins);
  // CORS first (a preflight is answered here); then POST /graphql with a JSON body skips Express (see
  // graphql-post.ts); everything else is Express's.
  httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (cors(req, res)) return;
    if (isPlainGraphqlPost(req)) servePost(req, res);
    else expressApp(req, res);
  });

  await new Promise<void>((resolveListen) => httpServer.listen(config.port, '0.0.0.0', resolveListen));
  relay.start();
  outboxListener?.start();
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  log.info(
    { url: `${url}/graphql`, database: config.databaseUrl ? 'postgresql' : 'embedded', testClock: config.testClock },
    'xecution ready',
  );

  return {
    url,
    config,
    clock,
    db,
    services,
    log,
    relay,
    jobs,
    /** Graceful: sockets closed with 1001, in-flight requests finished, the relay flushed, pools closed. */
    async stop() {
      await sockets.dispose();
      await apollo.stop();
      await services.coachRelay.stop();
      await coachStreams.close();
      await outboxListener?.stop();
      await jobs.stop();
      await relay.stop();
      await transport.close();
      await redis?.close();
      await dataSource.destroy();
    },
  };
}

async function createApollo(
  schema: GraphQLSchema,
  httpServer: Server,
  config: Config,
  formatError: ReturnType<typeof createErrorFormatter>,
  hardening: Hardening,
): Promise<ApolloServer<Context>> {
  const apollo = new ApolloServer<Context>({
    schema,
    includeStacktraceInErrorResponses: false,
    formatError,
    introspection: config.hardening.introspection !== 'off',
    ...hardening.apollo,
    plugins: [
      ...hardening.apollo.plugins,
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // No cache hints are used; Apollo's default cache-control plugin would hook every field resolution.
      ApolloServerPluginCacheControlDisabled(),
      defaultDenyPlugin,
      graphqlOverHttpPlugin,
      graphqlIdePlugin(config.graphqlIde),
      ...(config.testClock || config.env === 'test' ? [statementCountPlugin] : []),
    ],
  });
  await apollo.start();
  return apollo;
}
