import type { Database } from '../db/database';
import type { StoredIntentionStatus } from '../entities/daily-intention.entity';
import { daysBetween, type LocalDate, localDate, startOfLocalDay } from '../lib/local-day';
import type { Catalog } from './catalog.service';
import type {
  AchievementStatusView,
  GameStateView,
  IntentionView,
  InventoryItemView,
  RecoveryQuestView,
  SprintView,
} from './game-state.views';
import { intentionStatus } from './intention.rules';
import { levelProgress } from './level.rules';
import { recoveryEligibility } from './recovery.rules';
import { streakExpiresOn, streakOfRow, streakStatus } from './streak.rules';

interface GameStateRow {
  id: string;
  email: string;
  display_name: string;
  timezone: string;
  created_at: Date;
  xp: number;
  clarity: number;
  discipline: number;
  resilience: number;
  energy: number;
  fatigue: number;
  loyalty: number;
  streak_current: number;
  streak_longest: number;
  grace_days: number;
  last_check_in_date: string | null;
  repaired_on: string | null;
  last_repair_on: string | null;
  latest_intention: (Omit<IntentionView, 'status'> & { status: StoredIntentionStatus }) | null;
  active_sprint: (Omit<SprintView, 'startedAt' | 'endedAt'> & { startedAt: string; endedAt: string | null }) | null;
  latest_quest: { id: string; prompt: string; status: 'OPEN' | 'COMPLETED' | 'EXPIRED'; expiresOn: string; brokenAfter: string } | null;
  achievements: { code: string; unlockedAt: string; claimedAt: string | null }[];
  inventory: { code: string; quantity: number }[];
}

/** One statement loads the whole screen for any number of users (the gameState DataLoader batches into it). */
export const GAME_STATE_SQL = `
SELECT u.id, u.email, u.display_name, u.timezone, u.created_at,
       c.xp, c.clarity, c.discipline, c.resilience, c.energy, c.fatigue, c.loyalty,
       c.streak_current, c.streak_longest, c.grace_days,
       c.last_check_in_date::text AS last_check_in_date, c.repaired_on::text AS repaired_on, c.last_repair_on::text AS last_repair_on,
       (SELECT json_build_object('id', i.id, 'date', i.date::text, 'text', i.text, 'targetSprints', i.target_sprints, 'status', i.status)
          FROM daily_intentions i WHERE i.user_id = u.id ORDER BY i.date DESC LIMIT 1) AS latest_intention,
       (SELECT json_build_object('id', s.id, 'plannedMinutes', s.planned_minutes, 'status', s.status, 'startedAt', s.started_at,
                                 'endedAt', s.ended_at, 'intentionId', s.intention_id)
          FROM sprints s WHERE s.user_id = u.id AND s.status = 'RUNNING') AS active_sprint,
       (SELECT json_build_object('id', q.id, 'prompt', q.prompt, 'status', q.status, 'expiresOn', q.expires_on::text, 'brokenAfter', q.broken_after::text)
          FROM recovery_quests q WHERE q.user_id = u.id ORDER BY q.created_at DESC LIMIT 1) AS latest_quest,
       (SELECT coalesce(json_agg(json_build_object('code', a.achievement_code, 'unlockedAt', a.unlocked_at, 'claimedAt', a.claimed_at)), '[]'::json)
          FROM user_achievements a WHERE a.user_id = u.id) AS achievements,
       (SELECT coalesce(json_agg(json_build_object('code', v.tool_code, 'quantity', v.quantity)), '[]'::json)
          FROM inventory_items v WHERE v.user_id = u.id) AS inventory
  FROM users u JOIN characters c ON c.user_id = u.id
 WHERE u.id = ANY($1::uuid[])`;

export class GameStateService {
  constructor(
    private readonly db: Database,
    private readonly catalog: Catalog,
  ) {}

  /** Game states of `userIds` at instant `now`, in the order asked (null for unknown ids). One SQL statement. */
  async loadMany(userIds: readonly string[], now: Date): Promise<(GameStateView | null)[]> {
    const rows = await this.db.query<GameStateRow>(GAME_STATE_SQL, [userIds]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return userIds.map((id) => {
      const row = byId.get(id);
      return row ? this.toView(row, now) : null;
    });
  }

  private toView(row: GameStateRow, now: Date): GameStateView {
    const today = localDate(now, row.timezone);
    const streak = streakOfRow(row);
    const expiresOn = streakExpiresOn(streak);
    const quest = this.questView(row, today);
    return {
      user: { id: row.id, email: row.email, displayName: row.display_name, timezone: row.timezone, createdAt: new Date(row.created_at) },
      today,
      xp: row.xp,
      ...levelProgress(row.xp),
      stats: { clarity: row.clarity, discipline: row.discipline, resilience: row.resilience },
      energy: row.energy,
      fatigue: row.fatigue,
      loyalty: row.loyalty,
      streak: {
        current: row.streak_current,
        longest: row.streak_longest,
        graceDays: row.grace_days,
        status: streakStatus(streak, today),
        lastCheckInDate: row.last_check_in_date,
        expiresAt: expiresOn ? startOfLocalDay(expiresOn, row.timezone) : null,
      },
      checkedInToday: row.last_check_in_date === today,
      todayIntention: row.latest_intention?.date === today ? intentionView(row.latest_intention, today) : null,
      activeSprint: row.active_sprint ? { ...row.active_sprint, startedAt: new Date(row.active_sprint.startedAt), endedAt: null } : null,
      recoveryQuest: quest,
      recoveryQuestAvailable: quest === null && recoveryEligibility(streak, row.last_repair_on, today).open,
      achievements: this.achievementStatuses(row.achievements),
      inventory: this.inventory(row.inventory),
    };
  }

  /** The quest of the current break, if one was started. */
  private questView(row: GameStateRow, today: LocalDate): RecoveryQuestView | null {
    const quest = row.latest_quest;
    if (!quest || quest.brokenAfter !== row.last_check_in_date) return null;
    const expired = quest.status === 'OPEN' && daysBetween(quest.expiresOn, today) > 0;
    return { id: quest.id, prompt: quest.prompt, expiresOn: quest.expiresOn, status: expired ? 'EXPIRED' : quest.status };
  }

  achievementStatuses(unlocked: GameStateRow['achievements']): AchievementStatusView[] {
    const byCode = new Map(unlocked.map((a) => [a.code, a]));
    return this.catalog.achievements.map((achievement) => {
      const mine = byCode.get(achievement.code);
      return {
        achievement,
        unlockedAt: mine ? new Date(mine.unlockedAt) : null,
        claimedAt: mine?.claimedAt ? new Date(mine.claimedAt) : null,
      };
    });
  }

  private inventory(items: GameStateRow['inventory']): InventoryItemView[] {
    const quantities = new Map(items.map((i) => [i.code, i.quantity]));
    return this.catalog.tools
      .filter((tool) => quantities.has(tool.code))
      .map((tool) => ({ tool, quantity: quantities.get(tool.code) as number }));
  }
}

/** The intention as shown on `today`, its status derived by `intentionStatus`. */
export function intentionView(
  intention: Omit<IntentionView, 'status'> & { status: StoredIntentionStatus },
  today: LocalDate,
): IntentionView {
  return { ...intention, status: intentionStatus(intention.status, intention.date, today) };
}
