import { insertOrIgnore } from '../db/insert-or-ignore';
import { DailyIntention } from '../entities/daily-intention.entity';
import { Sprint } from '../entities/sprint.entity';
import { ErrorCode, notFound, ruleBroken } from '../errors/domain-errors';
import { isUuid } from '../lib/ids';
import type { Scope } from '../lib/scope';
import type { ActionOutcome, GameAction, GameActionRunner } from './game-action';
import { SPRINT_MIN_ENERGY, sprintEndsAt, sprintSecondsToGo } from './sprint.rules';
import { sprintVitals, sprintXp } from './xp.rules';

export interface StartSprintInput {
  plannedMinutes: number;
  intentionId?: string | null;
}

/** The part of a sprint's events that every ended sprint carries. */
const sprintTimes = (sprint: Sprint) => ({
  sprintId: sprint.id,
  plannedMinutes: sprint.plannedMinutes,
  startedAt: sprint.startedAt.toISOString(),
  endedAt: (sprint.endedAt as Date).toISOString(),
});

export class SprintService {
  constructor(private readonly actions: GameActionRunner) {}

  /** Starts a sprint: one running at a time, and energy must be at least 10. */
  async start(scope: Scope, input: StartSprintInput): Promise<Sprint> {
    const outcome = await this.actions.run(scope, async (game) => {
      if (game.character.energy < SPRINT_MIN_ENERGY) {
        throw ruleBroken(
          ErrorCode.LOW_ENERGY,
          `A sprint needs energy of at least ${SPRINT_MIN_ENERGY}; you have ${game.character.energy}.`,
        );
      }
      if (input.intentionId) await this.requireOwnIntention(game, input.intentionId);
      const values = {
        userId: game.userId,
        intentionId: input.intentionId ?? null,
        plannedMinutes: input.plannedMinutes,
        status: 'RUNNING' as const,
        startedAt: game.now,
        endedAt: null,
        date: game.today,
      };
      const id = await insertOrIgnore(game.tx, Sprint, values);
      if (!id) throw ruleBroken(ErrorCode.SPRINT_ALREADY_RUNNING, 'A sprint is already running: complete or abandon it first.');
      const endsAt = sprintEndsAt(input.plannedMinutes, game.now).toISOString();
      game.emit({
        type: 'SPRINT_STARTED',
        payload: {
          sprintId: id,
          plannedMinutes: input.plannedMinutes,
          startedAt: game.now.toISOString(),
          endsAt,
        },
      });
      return game.tx.create(Sprint, { ...values, id });
    });
    return outcome.value;
  }

  /** Completes a running sprint once its planned minutes have passed: XP = plannedMinutes. */
  complete(scope: Scope, sprintId: string): Promise<ActionOutcome<Sprint>> {
    return this.actions.run(scope, async (game) => {
      const sprint = await this.requireRunning(game, sprintId);
      const remaining = sprintSecondsToGo(sprint.plannedMinutes, sprint.startedAt, game.now);
      if (remaining > 0) {
        throw ruleBroken(ErrorCode.SPRINT_NOT_FINISHED, `The sprint has ${remaining} s to go.`, { secondsRemaining: remaining });
      }
      await this.end(game, sprint, 'COMPLETED');
      game.character.sprintsCompleted += 1;
      game.applyVitals(sprintVitals(sprint.plannedMinutes));
      const { sprintsCompleted, discipline } = game.character;
      game.emit({ type: 'SPRINT_COMPLETED', payload: { ...sprintTimes(sprint), sprintsCompleted, discipline } });
      game.noteProgress({ completedSprintMinutes: sprint.plannedMinutes });
      await game.grantXp('SPRINT', sprint.id, sprintXp(sprint.plannedMinutes));
      return sprint;
    });
  }

  /** Abandons a running sprint; no XP, no penalty. */
  async abandon(scope: Scope, sprintId: string): Promise<Sprint> {
    const outcome = await this.actions.run(scope, async (game) => {
      const sprint = await this.requireRunning(game, sprintId);
      await this.end(game, sprint, 'ABANDONED');
      game.emit({ type: 'SPRINT_ABANDONED', payload: sprintTimes(sprint) });
      return sprint;
    });
    return outcome.value;
  }

  private async end(game: GameAction, sprint: Sprint, status: 'COMPLETED' | 'ABANDONED'): Promise<void> {
    sprint.status = status;
    sprint.endedAt = game.now;
    await game.tx.update(Sprint, { id: sprint.id }, { status, endedAt: game.now });
  }

  private async requireRunning(game: GameAction, sprintId: string): Promise<Sprint> {
    const sprint = isUuid(sprintId) ? await game.tx.findOneBy(Sprint, { id: sprintId, userId: game.userId }) : null;
    if (!sprint) throw notFound('Sprint');
    if (sprint.status !== 'RUNNING')
      throw ruleBroken(ErrorCode.SPRINT_NOT_RUNNING, `The sprint is already ${sprint.status.toLowerCase()}.`);
    return sprint;
  }

  private async requireOwnIntention(game: GameAction, intentionId: string): Promise<void> {
    const found = isUuid(intentionId) && (await game.tx.existsBy(DailyIntention, { id: intentionId, userId: game.userId }));
    if (!found) throw notFound('Intention');
  }
}
