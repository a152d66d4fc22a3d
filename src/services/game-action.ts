import type { Tx } from '../db/data-source';
import type { Database } from '../db/database';
import type { Achievement } from '../entities/achievement.entity';
import { Character } from '../entities/character.entity';
import { notFound } from '../errors/domain-errors';
import { type LocalDate, localDate } from '../lib/local-day';
import type { Scope } from '../lib/scope';
import type { GameEventPayloads, PendingEvent } from '../subscriptions/event-types';
import { earnedAchievements, type Progress } from './achievement.rules';
import { type PendingLedgerRow, writeActionOutcome } from './action-writes';
import type { Catalog } from './catalog.service';
import { levelForXp } from './level.rules';
import { applyVitals, type VitalsDelta } from './stats.rules';
import { type StreakState, streakStatus } from './streak.rules';
import type { XpAward } from './xp.rules';

/** What every game mutation reports besides its own result. */
export interface ActionOutcome<T> {
  value: T;
  xpGained: number;
  unlocked: Achievement[];
}

type VitalsSnapshot = GameEventPayloads['VITALS_CHANGED'];

const vitalsOf = (c: Character): VitalsSnapshot => ({ energy: c.energy, fatigue: c.fatigue, loyalty: c.loyalty });

interface LockedRow {
  timezone: string;
  unlocked: string[] | null;
}

/**
 * One game action of one user, inside one transaction with that user's character row locked.
 * Rules run on the in-memory character; `finish` writes the character, the new achievements and the
 * events in the same transaction.
 */
export class GameAction {
  readonly today: LocalDate;
  private readonly events: PendingEvent[] = [];
  private readonly ledger: PendingLedgerRow[] = [];
  private readonly alreadyUnlocked: Set<string>;
  private readonly newlyUnlocked: Achievement[] = [];
  private extraProgress: Partial<Progress> = {};
  private readonly vitalsBefore: VitalsSnapshot;
  xpGained = 0;

  constructor(
    readonly tx: Tx,
    readonly character: Character,
    readonly timezone: string,
    readonly now: Date,
    private readonly catalog: Catalog,
    unlocked: string[],
  ) {
    this.today = localDate(now, timezone);
    this.alreadyUnlocked = new Set(unlocked);
    this.vitalsBefore = vitalsOf(character);
  }

  get userId(): string {
    return this.character.userId;
  }

  get streak(): StreakState {
    const c = this.character;
    return {
      current: c.streakCurrent,
      longest: c.streakLongest,
      graceDays: c.graceDays,
      lastDay: c.lastCheckInDate,
      repairedOn: c.repairedOn,
    };
  }

  /** Replaces the streak and records a STREAK_UPDATED event. */
  setStreak(next: StreakState): void {
    Object.assign(this.character, {
      streakCurrent: next.current,
      streakLongest: next.longest,
      graceDays: next.graceDays,
      lastCheckInDate: next.lastDay,
      repairedOn: next.repairedOn,
    });
    this.emit({
      type: 'STREAK_UPDATED',
      payload: { current: next.current, longest: next.longest, status: streakStatus(next, this.today), graceDays: next.graceDays },
    });
  }

  applyVitals(delta: VitalsDelta): void {
    Object.assign(this.character, applyVitals(this.character, delta));
  }

  /** Appends a ledger row, adds the XP, and records XP_GAINED (and LEVEL_UP when a level is reached). */
  async grantXp(source: string, reference: string, award: XpAward): Promise<void> {
    if (award.amount === 0) return;
    this.ledger.push({ amount: award.amount, source, reference, rule: award.rule, inputs: award.inputs });
    const before = this.character.level;
    this.character.xp += award.amount;
    this.character.level = levelForXp(this.character.xp);
    this.xpGained += award.amount;
    this.emit({ type: 'XP_GAINED', payload: { amount: award.amount, source, totalXp: this.character.xp, level: this.character.level } });
    for (let level = before + 1; level <= this.character.level; level++) this.emit({ type: 'LEVEL_UP', payload: { level } });
  }

  /** Facts of this action that achievements read but the character does not hold. */
  noteProgress(progress: Partial<Progress>): void {
    this.extraProgress = { ...this.extraProgress, ...progress };
  }

  emit(event: PendingEvent): void {
    this.events.push(event);
  }

  /** Writes the whole outcome (character, ledger, unlocks, events) in one statement. */
  async finish(): Promise<Achievement[]> {
    this.emitVitalsChange();
    const unlocks = this.unlockEarned();
    await writeActionOutcome(this.tx, { character: this.character, ledger: this.ledger, unlocks, events: this.events, now: this.now });
    return this.newlyUnlocked;
  }

  /** One VITALS_CHANGED per action whose energy, fatigue or loyalty moved, with the values after it. */
  private emitVitalsChange(): void {
    const after = vitalsOf(this.character);
    const before = this.vitalsBefore;
    if (after.energy === before.energy && after.fatigue === before.fatigue && after.loyalty === before.loyalty) return;
    this.emit({ type: 'VITALS_CHANGED', payload: after });
  }

  /**
   * The achievements this action earned that the user did not have. The character row is locked, so the
   * set read at lock time is exact: what is new here is exactly what the write will insert.
   */
  private unlockEarned(): string[] {
    const c = this.character;
    const progress: Progress = {
      checkInsTotal: c.checkInsTotal,
      streak: c.streakCurrent,
      sprintsCompleted: c.sprintsCompleted,
      intentionsCompleted: c.intentionsCompleted,
      level: c.level,
      ...this.extraProgress,
    };
    const fresh = earnedAchievements(progress).filter((code) => !this.alreadyUnlocked.has(code));
    for (const code of fresh) {
      const achievement = this.catalog.achievement(code);
      if (!achievement) continue;
      this.alreadyUnlocked.add(code);
      this.newlyUnlocked.push(achievement);
      this.emit({ type: 'ACHIEVEMENT_UNLOCKED', payload: { code } });
    }
    return fresh;
  }
}

/** Runs game actions: one transaction, the character row locked first, events written before commit. */
export class GameActionRunner {
  constructor(
    private readonly db: Database,
    private readonly catalog: Catalog,
  ) {}

  async run<T>(scope: Scope, work: (game: GameAction) => Promise<T>): Promise<ActionOutcome<T>> {
    const userId = scope.session.requireUserId();
    return this.db.transaction(async (tx) => {
      const game = await this.lock(scope, tx, userId);
      const value = await work(game);
      const unlocked = await game.finish();
      return { value, xpGained: game.xpGained, unlocked };
    });
  }

  private async lock(scope: Scope, tx: Tx, userId: string): Promise<GameAction> {
    const metadata = tx.connection.getMetadata(Character);
    const rows: (Record<string, unknown> & LockedRow)[] = await tx.query(
      `SELECT c.*, u.timezone,
              (SELECT array_agg(a.achievement_code) FROM user_achievements a WHERE a.user_id = c.user_id) AS unlocked
         FROM characters c JOIN users u ON u.id = c.user_id
        WHERE c.user_id = $1
          FOR UPDATE OF c`,
      [userId],
    );
    const row = rows[0];
    if (!row) throw notFound('Your character');
    const character = new Character();
    for (const column of metadata.columns) {
      (character as unknown as Record<string, unknown>)[column.propertyName] = row[column.databaseName];
    }
    return new GameAction(tx, character, row.timezone, scope.clock.now(), this.catalog, row.unlocked ?? []);
  }
}
