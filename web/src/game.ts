import type { GameEvent, GameState, Risk } from './types';

/** Total XP that reaching `level` takes: 50·L·(L−1) (docs/rules.md, levels). */
export function xpForLevel(level: number): number {
  return 50 * level * (level - 1);
}

/** The game state with a new XP total, its level bar recomputed the way the API does. */
export function withXp(state: GameState, xp: number, level: number): GameState {
  return { ...state, xp, level, xpIntoLevel: xp - xpForLevel(level), xpToNextLevel: xpForLevel(level + 1) - xp };
}

/** Applies what an event says at once (a refetch follows for the fields events do not carry). */
export function applyEvent(state: GameState, event: GameEvent): GameState {
  switch (event.__typename) {
    case 'XpEvent':
      return withXp(state, event.totalXp, event.level);
    case 'LevelUpEvent':
      return event.level > state.level ? withXp(state, state.xp, event.level) : state;
    case 'StreakEvent':
      return { ...state, streak: { ...state.streak, current: event.current, longest: event.longest, status: event.status } };
    case 'AchievementEvent':
      return {
        ...state,
        achievements: state.achievements.map((a) =>
          a.achievement.code === event.achievement.code && !a.unlockedAt ? { ...a, unlockedAt: event.occurredAt } : a,
        ),
      };
    case 'VitalsChangedEvent':
      return { ...state, energy: event.energy, fatigue: event.fatigue, loyalty: event.loyalty };
    default:
      return state;
  }
}

/** One line for the live feed. */
export function describeEvent(event: GameEvent): string {
  switch (event.__typename) {
    case 'XpEvent':
      return `+${event.amount} XP from ${event.source.toLowerCase().replace(/_/g, ' ')} (total ${event.totalXp})`;
    case 'LevelUpEvent':
      return `Level up: level ${event.level}`;
    case 'StreakEvent':
      return `Streak ${event.current} (${event.status.toLowerCase().replace('_', ' ')}), longest ${event.longest}`;
    case 'AchievementEvent':
      return `Achievement unlocked: ${event.achievement.name}`;
    case 'AchievementClaimedEvent':
      return `Achievement claimed: ${event.achievement.name}`;
    case 'VitalsChangedEvent':
      return `Energy ${event.energy}, fatigue ${event.fatigue}, loyalty ${event.loyalty}`;
    case 'CheckInEvent':
      return `Checked in for ${event.date}${event.mood ? ` (mood ${event.mood})` : ''}`;
    case 'SprintStartedEvent':
      return `Sprint of ${event.plannedMinutes} min started`;
    case 'SprintCompletedEvent':
      return `Sprint of ${event.plannedMinutes} min completed`;
    case 'SprintAbandonedEvent':
      return `Sprint of ${event.plannedMinutes} min abandoned`;
    case 'ToolBoughtEvent':
      return `Bought ${event.tool.name}`;
    case 'ToolUsedEvent':
      return `Used ${event.tool.name}`;
    default:
      return event.__typename.replace(/Event$/, '').replace(/([a-z])([A-Z])/g, '$1 $2');
  }
}

const RISK_ORDER: Record<Risk, number> = { HIGH: 0, MEDIUM: 1, LOW: 2 };

export function byRisk<T extends { risk: Risk; adherence7: number }>(a: T, b: T): number {
  return RISK_ORDER[a.risk] - RISK_ORDER[b.risk] || a.adherence7 - b.adherence7;
}

/** YYYY-MM-DD of an instant in an IANA timezone. */
export function localDate(instant: string | Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}

/** The 30 local days ending on `today`, oldest first. */
export function last30Days(today: string): string[] {
  const end = Date.parse(`${today}T00:00:00Z`);
  return Array.from({ length: 30 }, (_, i) => new Date(end - (29 - i) * 86_400_000).toISOString().slice(0, 10));
}

/** "2d 14h", "1h 05m", "4m 09s", "12s". */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const d = Math.floor(total / 86_400);
  if (d > 0) return `${d}d ${Math.floor((total % 86_400) / 3600)}h`;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m ${String(s).padStart(2, '0')}s`;
  return `${s}s`;
}

export function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}
