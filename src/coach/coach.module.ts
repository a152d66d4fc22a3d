import type { CoachConfig } from '../config';
import type { Database } from '../db/database';
import type { Clock } from '../lib/clock';
import type { AccessService } from '../services/access.service';
import type { Catalog } from '../services/catalog.service';
import type { GameActionRunner } from '../services/game-action';
import { GameStateService } from '../services/game-state.service';
import { IntentionService } from '../services/intention.service';
import type { EventBus } from '../subscriptions/event-bus';
import { CoachService } from './conversations/coach.service';
import { CoachFactsService } from './conversations/coach-facts.service';
import { OnboardingService } from './onboarding/onboarding.service';
import type { CoachProvider } from './providers/provider';
import type { CoachRateLimiter } from './rate-limit';
import { RoadmapService } from './roadmaps/roadmap.service';
import { CoachRelay } from './stream/coach-relay';
import type { StreamStateStore } from './stream/stream-state';

/** What the composition root hands the coach. */
export interface CoachDeps {
  provider: CoachProvider;
  rateLimiter: CoachRateLimiter;
  /** Live state of streaming replies (Redis with REDIS_URL, memory otherwise). */
  streamState: StreamStateStore;
  config: CoachConfig;
  clock: Clock;
}

interface Shared {
  db: Database;
  bus: EventBus;
  catalog: Catalog;
  actions: GameActionRunner;
  access: AccessService;
}

/** The coach's services: conversations and streams, onboarding, roadmaps. */
export function createCoachServices(deps: CoachDeps, shared: Shared) {
  const { db, bus, access, actions } = shared;
  const gameState = new GameStateService(db, shared.catalog);
  const coachRelay = new CoachRelay(db, bus, deps.streamState, deps.provider, deps.clock, {
    firstTokenTimeoutMs: deps.config.firstTokenTimeoutMs,
    timeoutMs: deps.config.timeoutMs,
    flushMs: deps.config.flushMs,
    checkpointMs: deps.config.checkpointMs,
  });
  const roadmaps = new RoadmapService(db, actions, access, deps.provider, deps.rateLimiter, deps.config);
  const coach = new CoachService(
    db,
    bus,
    deps.streamState,
    access,
    coachRelay,
    new CoachFactsService(db, gameState),
    roadmaps,
    deps.rateLimiter,
    deps.config,
  );
  const onboarding = new OnboardingService(db, coach, new IntentionService(actions), gameState, deps.provider, deps.config);
  return { coach, coachRelay, coachStreams: deps.streamState, roadmaps, onboarding };
}
