import type { Tx } from '../db/data-source';
import type { Database } from '../db/database';
import type { JobEngine } from '../jobs/job-engine';
import { addDays, daysBetween, type LocalDate, localDate, startOfLocalDay } from '../lib/local-day';
import type { Scope } from '../lib/scope';
import type { PendingEvent } from '../subscriptions/event-types';
import { CATCH_UP_DAYS, closeDay, type DayCloseOutcome, daysToClose } from './day-close.rules';
import { type CloseStateRow, dayCloseStorage as storage, type DayFactsRow, type DayToClose } from './day-close.storage';
import { streakOfRow } from './streak.rules';

const planKey = (zone: string, date: LocalDate) => `${zone} ${date}`;
/** The end of local day `date` in `zone`: when its close is due. */
const endOf = (date: LocalDate, zone: string) => startOfLocalDay(addDays(date, 1), zone);

/**
 * Closes local days (docs/time-engine.md). Each zone has one chain of plan jobs, one per
 * local day, due at that day's end; a plan job splits the zone's users into batch jobs; a batch
 * closes each of its users' unclosed days in date order, in one transaction with the character rows
 * locked. A `day_closes` row per (user, day) decides that a day is closed once.
 */
export class DayCloseService {
  constructor(
    private readonly db: Database,
    private readonly jobs: JobEngine,
    /** Users closed per batch job (and per transaction). */
    private readonly batchSize: number,
  ) {}

  /** Makes sure `zone`'s current local day has its plan job (at registration, in that transaction). */
  async planZone(scope: Scope, zone: string, tx?: Tx): Promise<void> {
    const today = localDate(scope.clock.now(), zone);
    await this.jobs.send('day-close-plan', { zone, date: today }, { key: planKey(zone, today), dueAt: endOf(today, zone), tx });
  }

  /** At start: every zone with users has its chain (a no-op where it already has one). */
  async planAllZones(scope: Scope): Promise<void> {
    for (const zone of await storage.zones(this.db.manager)) await this.planZone(scope, zone);
  }

  /**
   * The plan job of (zone, date): once per (zone, date), sends one batch job per slice of the zone's
   * users who existed when the day ended, and the plan job of the next day, in one transaction.
   * Days more than CATCH_UP_DAYS before today get no batches.
   */
  async plan(scope: Scope, zone: string, date: LocalDate): Promise<number> {
    const now = scope.clock.now();
    const dueAt = endOf(date, zone);
    return this.db.transaction(async (tx) => {
      const tooOld = daysBetween(date, localDate(now, zone)) > CATCH_UP_DAYS;
      const users = tooOld ? [] : await storage.usersOfZone(tx, zone, dueAt);
      const batches: string[][] = [];
      for (let i = 0; i < users.length; i += this.batchSize) batches.push(users.slice(i, i + this.batchSize));
      if (!(await storage.claimPlan(tx, zone, date, users.length, batches.length, now))) return 0;
      await this.jobs.sendMany(
        'day-close-batch',
        batches.map((userIds, i) => ({ data: { zone, date, userIds }, key: `${planKey(zone, date)} ${i}`, dueAt })),
        tx,
      );
      // After a long downtime the chain skips ahead to the oldest day that still gets a close.
      const oldest = addDays(localDate(now, zone), -CATCH_UP_DAYS);
      const next = tooOld ? oldest : addDays(date, 1);
      await this.jobs.send('day-close-plan', { zone, date: next }, { key: planKey(zone, next), dueAt: endOf(next, zone), tx });
      return batches.length;
    });
  }

  /**
   * Closes local day `date` for these users, and before it every earlier day of theirs not yet closed
   * (at most CATCH_UP_DAYS back), oldest first, in one transaction. Answers how many days it closed.
   */
  async closeBatch(scope: Scope, date: LocalDate, userIds: string[]): Promise<number> {
    const now = scope.clock.now();
    return this.db.transaction(async (tx) => {
      const users = (await storage.lockAndRead(tx, userIds)).map((state) => ({ state, days: this.daysOf(state, date, now) }));
      const days = users.flatMap((u) => u.days);
      if (days.length === 0) return 0;
      const facts = new Map((await storage.readDays(tx, days)).map((row) => [`${row.user_id} ${row.date}`, row]));
      const closes = users.flatMap((u) => this.closeUser(u.state, u.days, facts, now));
      const inserted = await storage.insertCloses(tx, closes, now);
      const fresh = closes.filter((c) => inserted.has(`${c.userId} ${c.outcome.summary.date}`));
      await storage.writeOutcomes(
        tx,
        {
          failedIntentions: fresh.flatMap((c) => (c.outcome.failIntentionId ? [c.outcome.failIntentionId] : [])),
          expiredQuests: fresh.flatMap((c) => c.outcome.expireQuestIds),
          announced: fresh.flatMap((c) => (c.outcome.announceBreakFor ? [{ userId: c.userId, day: c.outcome.announceBreakFor }] : [])),
          events: fresh.flatMap((c) => c.outcome.events.map((e): PendingEvent & { userId: string } => ({ ...e, userId: c.userId }))),
        },
        now,
      );
      scope.log.debug({ date, users: userIds.length, closed: fresh.length }, 'days closed');
      return fresh.length;
    });
  }

  /** The days to close for one user: ended days only, in their own zone. */
  private daysOf(state: CloseStateRow, date: LocalDate, now: Date): DayToClose[] {
    const zone = state.timezone;
    const today = localDate(now, zone);
    const last = daysBetween(date, today) > 0 ? date : addDays(today, -1);
    return daysToClose(last, today, state.last_closed, localDate(new Date(state.created_at), zone)).map((day) => ({
      userId: state.user_id,
      date: day,
      dayStart: startOfLocalDay(day, zone),
      dayEnd: endOf(day, zone),
    }));
  }

  /** One user's closes in date order; what one close changes (an expired quest, an announced break) is seen by the next. */
  private closeUser(state: CloseStateRow, days: DayToClose[], facts: Map<string, DayFactsRow>, now: Date) {
    const today = localDate(now, state.timezone);
    const expired = new Set<string>();
    let announcedFor = state.break_announced_for;
    const closes: { userId: string; outcome: DayCloseOutcome }[] = [];
    for (const day of days) {
      const f = facts.get(`${day.userId} ${day.date}`) as DayFactsRow;
      const outcome = closeDay({
        date: day.date,
        today,
        timezone: state.timezone,
        streak: streakOfRow(state),
        lastRepairOn: state.last_repair_on,
        breakAnnouncedFor: announcedFor,
        checkIn: f.check_in,
        intention: f.intention,
        expiringQuests: (f.quests ?? []).filter((q) => !expired.has(q.id)),
        sprintsCompleted: f.sprints,
        sprintMinutes: f.sprint_minutes,
        xp: f.xp,
        energy: state.energy,
        fatigue: state.fatigue,
        vacation: false,
      });
      for (const id of outcome.expireQuestIds) expired.add(id);
      announcedFor = outcome.announceBreakFor ?? announcedFor;
      closes.push({ userId: state.user_id, outcome });
    }
    return closes;
  }
}
