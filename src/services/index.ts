import type { AccessTokens } from '../auth/tokens';
import { type CoachDeps, createCoachServices } from '../coach/coach.module';
import type { RecoveryPromptSource } from '../coach/recovery-prompts';
import type { Database } from '../db/database';
import type { JobEngine } from '../jobs/job-engine';
import type { EventBus } from '../subscriptions/event-bus';
import { AccessService } from './access.service';
import { AchievementService } from './achievement.service';
import { AuthService } from './auth.service';
import type { Catalog } from './catalog.service';
import { CheckInService } from './check-in.service';
import { DayCloseService } from './day-close.service';
import { GameActionRunner } from './game-action';
import { GameStateService } from './game-state.service';
import { HistoryService } from './history.service';
import { IntentionService } from './intention.service';
import { LiveEventsService } from './live-events.service';
import { MenteeAnalyticsService } from './mentee-analytics.service';
import { MentorService } from './mentor.service';
import { RecoveryService } from './recovery.service';
import { SprintService } from './sprint.service';
import { ToolService } from './tool.service';
import { UserService } from './user.service';

export interface ServiceDeps {
  db: Database;
  catalog: Catalog;
  accessTokens: AccessTokens;
  refreshTokenTtlDays: number;
  recoveryPrompts: RecoveryPromptSource;
  bus: EventBus;
  coach: CoachDeps;
  jobs: JobEngine;
  dayCloseBatch: number;
}

/** Every service, built once per process and shared by all requests. */
export function createServices(deps: ServiceDeps) {
  const actions = new GameActionRunner(deps.db, deps.catalog);
  const access = new AccessService(deps.db);
  const dayClose = new DayCloseService(deps.db, deps.jobs, deps.dayCloseBatch);
  return {
    dayClose,
    catalog: deps.catalog,
    bus: deps.bus,
    access,
    liveEvents: new LiveEventsService(deps.db, deps.bus, access),
    auth: new AuthService(deps.db, deps.accessTokens, deps.refreshTokenTtlDays, dayClose),
    users: new UserService(deps.db),
    gameState: new GameStateService(deps.db, deps.catalog),
    checkIns: new CheckInService(actions),
    intentions: new IntentionService(actions),
    sprints: new SprintService(actions),
    recovery: new RecoveryService(actions, deps.recoveryPrompts),
    achievements: new AchievementService(actions, deps.catalog),
    tools: new ToolService(actions, deps.catalog),
    history: new HistoryService(deps.db),
    mentors: new MentorService(deps.db, new MenteeAnalyticsService(deps.db)),
    ...createCoachServices(deps.coach, { db: deps.db, bus: deps.bus, catalog: deps.catalog, actions, access }),
  };
}

export type Services = ReturnType<typeof createServices>;
