import type { LocalDate } from '../lib/local-day';
import type { Risk } from './mentor.rules';
import type { StreakStatus } from './streak.rules';

/** Read models of mentoring, one per GraphQL type. */
export interface MentorInviteView {
  code: string;
  expiresAt: Date;
}

export interface MenteeDayView {
  date: LocalDate;
  checkedIn: boolean;
  xp: number;
}

/** A mentee as their mentor's dashboard sees them; `user` and `gameState` come from the request's loaders. */
export interface MenteeView {
  userId: string;
  since: Date;
  today: LocalDate;
  adherence7: number;
  adherence30: number;
  risk: Risk;
  streakStatus: StreakStatus;
  currentStreak: number;
  longestStreak: number;
  daysSinceLastCheckIn: number | null;
  series: MenteeDayView[];
}

export interface MentorView {
  id: string;
  displayName: string;
  since: Date;
}
