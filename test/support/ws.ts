import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

export interface Received<T = any> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, any> }[];
}

/** A subscription's results, collected as they arrive. */
export class Subscription<T = any> {
  readonly results: Received<T>[] = [];
  completed = false;
  error: unknown = null;
  private waiters: (() => void)[] = [];
  unsubscribe: () => void = () => {};

  push(result: Received<T>): void {
    this.results.push(result);
    this.wake();
  }

  finish(error?: unknown): void {
    this.completed = true;
    if (error !== undefined) this.error = error;
    this.wake();
  }

  /** Waits until `count` results arrived (or the subscription ended); fails after `timeoutMs`. */
  async waitFor(count: number, timeoutMs = 5000): Promise<Received<T>[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.results.length < count && !this.completed) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`expected ${count} results, got ${this.results.length}: ${JSON.stringify(this.results)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.results;
  }

  /** Waits until the subscription completes or errors. */
  async waitForEnd(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.completed) {
      if (Date.now() > deadline) throw new Error('subscription did not end');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

/** A graphql-ws client over a real socket, signed in with `token` (or anonymous). */
export function wsClient(httpUrl: string, token?: string): Client {
  return createClient({
    url: `${httpUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
}

/** Subscribes and returns a collector; resolves once the server has acknowledged the operation. */
export async function subscribe<T = any>(client: Client, query: string, variables?: Record<string, unknown>): Promise<Subscription<T>> {
  const subscription = new Subscription<T>();
  subscription.unsubscribe = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => subscription.push(value as Received<T>),
      error: (error) => subscription.finish(error),
      complete: () => subscription.finish(),
    },
  );
  // The server answers `subscribe` only with events; give it a moment to register the subscription.
  await new Promise((resolve) => setTimeout(resolve, 150));
  return subscription;
}

/** The events of a check-in that unlocks an achievement (a first one, a streak of 3 …), in commit order (docs/events.md). */
export const UNLOCKING_CHECK_IN_EVENTS = ['CheckInEvent', 'StreakEvent', 'XpEvent', 'VitalsChangedEvent', 'AchievementEvent'];

export const GAME_EVENTS = `subscription Events($userId: ID, $after: String) {
  gameEvents(userId: $userId, after: $after) {
    __typename cursor userId occurredAt
    ... on XpEvent { amount source totalXp level }
    ... on LevelUpEvent { level }
    ... on StreakEvent { current longest status graceDays }
    ... on AchievementEvent { achievement { code rewardXp } }
    ... on CheckInEvent { checkInId date mood checkInsTotal }
    ... on IntentionSetEvent { intentionId date targetSprints }
    ... on IntentionCompletedEvent { intentionId date intentionsCompleted clarity }
    ... on SprintStartedEvent { sprintId plannedMinutes startedAt endsAt }
    ... on SprintCompletedEvent { sprintId plannedMinutes startedAt endedAt sprintsCompleted discipline }
    ... on SprintAbandonedEvent { sprintId plannedMinutes startedAt endedAt }
    ... on GraceDayEarnedEvent { graceDays streak }
    ... on RecoveryQuestStartedEvent { questId expiresOn }
    ... on RecoveryQuestCompletedEvent { questId repairedOn resilience }
    ... on AchievementClaimedEvent { achievement { code rewardXp } }
    ... on ToolBoughtEvent { tool { code cost } quantity inventoryCount }
    ... on ToolUsedEvent { tool { code } quantity inventoryCount }
    ... on VitalsChangedEvent { energy fatigue loyalty }
    ... on RoadmapTaskCompletedEvent { taskId roadmapId xpAwarded }
    ... on RoadmapTaskReopenedEvent { taskId roadmapId }
    ... on DayClosedEvent { date checkedIn }
  }
}`;
