import type { CoachConfig } from '../config';
import type { Database } from '../db/database';
import type { Clock } from '../lib/clock';
import type { AccessService } from '../services/access.service';
import type { Catalog } from '../services/catalog.service';
import type { GameActionRunner } from '../services/game-action';
import { GameStateService } from '../services/game-state.service';
import { IntentionService } from '../services/intention.service';
import type { EventBus } from '../subscriptions/event-bus';
import { CoachFactsService } from './conversations/coach-facts.service';
import { CoachReadService } from './conversations/coach-reads.service';
import { CoachReplyService } from './conversations/coach-replies.service';
import { ConversationStore } from './conversations/conversation.store';
import { OnboardingService } from './onboarding/onboarding.service';
import { OnboardingStore } from './onboarding/onboarding.store';
import type { CoachProvider } from './providers/provider';
import type { CoachRateLimiter } from './rate-limit';
import { RoadmapService } from './roadmaps/roadmap.service';
import { RoadmapStore } from './roadmaps/roadmap.store';
import { CoachRelay } from './stream/coach-relay';
import { LiveReplies } from './stream/live-replies';
import { ReplyEnding } from './stream/reply-ending';
import { ReplyFollower } from './stream/reply-follower';
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

/**
 * The coach's services: replies (ask, cancel), reads, following a reply live, onboarding, roadmaps.
 * Each table has one store: conversations and messages, onboarding states, roadmaps.
 */
export function createCoachServices(deps: CoachDeps, shared: Shared) {
  const { db, bus, access, actions } = shared;
  const { provider, rateLimiter, streamState, config } = deps;
  const conversations = new ConversationStore(db);
  const live = new LiveReplies(conversations, streamState);
  const ending = new ReplyEnding(conversations, bus, streamState);
  const coachRelay = new CoachRelay(conversations, ending, bus, streamState, provider, deps.clock, {
    firstTokenTimeoutMs: config.firstTokenTimeoutMs,
    timeoutMs: config.timeoutMs,
    flushMs: config.flushMs,
    checkpointMs: config.checkpointMs,
  });
  const gameState = new GameStateService(db, shared.catalog);
  const roadmaps = new RoadmapService(new RoadmapStore(db), actions, access, provider, rateLimiter, config);
  const facts = new CoachFactsService(db, gameState);
  return {
    coachReplies: new CoachReplyService(conversations, coachRelay, live, ending, access, facts, roadmaps, rateLimiter, config),
    coachReads: new CoachReadService(conversations, live, access),
    coachFollower: new ReplyFollower(conversations, live, ending, bus, access, config.timeoutMs),
    coachRelay,
    coachStreams: streamState,
    roadmaps,
    onboarding: new OnboardingService(
      db,
      new OnboardingStore(db),
      conversations,
      new IntentionService(actions),
      gameState,
      provider,
      config,
    ),
  };
}
