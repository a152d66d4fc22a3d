import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

import { signed } from '../graphql/signed-number';
import { MOOD_MAX, MOOD_MIN } from '../services/check-in.rules';
import { TARGET_SPRINTS_MAX, TARGET_SPRINTS_MIN } from '../services/intention.rules';
import { LEVEL_XP_STEP } from '../services/level.rules';
import { SPRINT_MAX_MINUTES, SPRINT_MIN_ENERGY, SPRINT_MIN_MINUTES } from '../services/sprint.rules';
import { VITAL_MAX } from '../services/stats.rules';
import { GRACE_EARNED_EVERY, MAX_GRACE_DAYS, type StreakStatus } from '../services/streak.rules';
import { INVENTORY_CAP } from '../services/tool.rules';
import { intentionVitals, recoveryVitals, sprintFixedVitals } from '../services/xp.rules';
import { DateTimeScalar, LocalDateScalar } from './scalars';
import { User } from './user.types';

export enum StreakStatusEnum {
  NONE = 'NONE',
  ACTIVE = 'ACTIVE',
  AT_RISK = 'AT_RISK',
  BROKEN = 'BROKEN',
}
registerEnumType(StreakStatusEnum, {
  name: 'StreakStatus',
  description:
    'ACTIVE: checked in today. AT_RISK: not yet today, a check-in today continues it. BROKEN: a check-in today resets it. NONE: no streak.',
});

export enum SprintStatusEnum {
  RUNNING = 'RUNNING',
  COMPLETED = 'COMPLETED',
  ABANDONED = 'ABANDONED',
}
registerEnumType(SprintStatusEnum, { name: 'SprintStatus' });

export enum IntentionStatusEnum {
  PENDING = 'PENDING',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
}
registerEnumType(IntentionStatusEnum, {
  name: 'IntentionStatus',
  description: 'FAILED: still pending when its day ended (shown, never punished).',
});

export enum QuestStatusEnum {
  OPEN = 'OPEN',
  COMPLETED = 'COMPLETED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(QuestStatusEnum, { name: 'QuestStatus' });

@ObjectType({ description: 'Growth stats; none goes below 0.' })
export class Stats {
  @Field(() => Int, { description: `${signed(intentionVitals.clarity)} per completed daily intention.` })
  clarity: number;

  @Field(() => Int, { description: `${signed(sprintFixedVitals.discipline)} per completed sprint.` })
  discipline: number;

  @Field(() => Int, { description: `${signed(recoveryVitals.resilience)} per completed recovery quest.` })
  resilience: number;
}

@ObjectType({ description: 'Consecutive local days with a check-in, with grace days that bridge one missed day each.' })
export class Streak {
  @Field(() => Int)
  current: number;

  @Field(() => Int, { description: 'The highest the streak has reached.' })
  longest: number;

  @Field(() => Int, {
    description: `Grace days held (0..${MAX_GRACE_DAYS}); one is earned at every ${GRACE_EARNED_EVERY}th consecutive day.`,
  })
  graceDays: number;

  @Field(() => StreakStatusEnum)
  status: StreakStatus;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The last local day counted in the streak.' })
  lastCheckInDate: string | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'The first instant at which a check-in would no longer continue the streak (null when current = 0).',
  })
  expiresAt: Date | null;
}

@ObjectType({ description: 'A daily check-in.' })
export class CheckIn {
  @Field(() => ID)
  id: string;

  @Field(() => LocalDateScalar, { description: "The user's local day." })
  date: string;

  @Field(() => Int, { nullable: true, description: `Mood ${MOOD_MIN}..${MOOD_MAX}.` })
  mood: number | null;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => DateTimeScalar)
  createdAt: Date;
}

@ObjectType({ description: 'The one thing a user intends to ship on a local day.' })
export class DailyIntention {
  @Field(() => ID)
  id: string;

  @Field(() => LocalDateScalar)
  date: string;

  @Field(() => String)
  text: string;

  @Field(() => Int, { description: `How many sprints the user plans for it (${TARGET_SPRINTS_MIN}..${TARGET_SPRINTS_MAX}).` })
  targetSprints: number;

  @Field(() => IntentionStatusEnum)
  status: 'PENDING' | 'COMPLETED' | 'FAILED';
}

@ObjectType({ description: 'A timed execution sprint.' })
export class Sprint {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: `${SPRINT_MIN_MINUTES}..${SPRINT_MAX_MINUTES} minutes; completing it pays this much XP.` })
  plannedMinutes: number;

  @Field(() => SprintStatusEnum)
  status: 'RUNNING' | 'COMPLETED' | 'ABANDONED';

  @Field(() => DateTimeScalar)
  startedAt: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  endedAt: Date | null;
}

@ObjectType({ description: 'A "fail forward" quest: reflect on a broken streak to repair it.' })
export class RecoveryQuest {
  @Field(() => ID)
  id: string;

  @Field(() => String, { description: 'The reflection prompt.' })
  prompt: string;

  @Field(() => QuestStatusEnum)
  status: 'OPEN' | 'COMPLETED' | 'EXPIRED';

  @Field(() => LocalDateScalar, { description: 'The last local day on which the quest can be completed.' })
  expiresOn: string;
}

@ObjectType({ description: 'An achievement of the catalog.' })
export class Achievement {
  @Field(() => String)
  code: string;

  @Field(() => String)
  name: string;

  @Field(() => String)
  description: string;

  @Field(() => Int, { description: 'XP paid when claimed.' })
  rewardXp: number;
}

@ObjectType({ description: "An achievement with the caller's progress on it." })
export class AchievementStatus {
  @Field(() => Achievement)
  achievement: Achievement;

  @Field(() => DateTimeScalar, { nullable: true })
  unlockedAt: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  claimedAt: Date | null;
}

@ObjectType({ description: 'A tool of the shop, bought with loyalty.' })
export class Tool {
  @Field(() => String)
  code: string;

  @Field(() => String)
  name: string;

  @Field(() => Int, { description: 'Price in loyalty.' })
  cost: number;

  @Field(() => String)
  description: string;
}

@ObjectType({ description: `Tools held (at most ${INVENTORY_CAP} items in total).` })
export class InventoryItem {
  @Field(() => Tool)
  tool: Tool;

  @Field(() => Int)
  quantity: number;
}

@ObjectType({ description: "A user's whole game screen." })
export class GameState {
  @Field(() => User)
  user: User;

  @Field(() => LocalDateScalar, { description: "The user's local day now." })
  today: string;

  @Field(() => Int)
  level: number;

  @Field(() => Int, { description: 'Total XP (always the sum of the XP ledger).' })
  xp: number;

  @Field(() => Int, { description: `xp − ${LEVEL_XP_STEP}·L·(L−1).` })
  xpIntoLevel: number;

  @Field(() => Int, { description: `XP still needed for the next level: ${LEVEL_XP_STEP}·(L+1)·L − xp.` })
  xpToNextLevel: number;

  @Field(() => Stats)
  stats: Stats;

  @Field(() => Int, { description: `0..${VITAL_MAX}; a sprint needs at least ${SPRINT_MIN_ENERGY}.` })
  energy: number;

  @Field(() => Int, { description: `0..${VITAL_MAX}.` })
  fatigue: number;

  @Field(() => Int, { description: 'The currency of the tool shop; never below 0.' })
  loyalty: number;

  @Field(() => Streak)
  streak: Streak;

  @Field(() => Boolean)
  checkedInToday: boolean;

  @Field(() => DailyIntention, { nullable: true })
  todayIntention: DailyIntention | null;

  @Field(() => Sprint, { nullable: true })
  activeSprint: Sprint | null;

  @Field(() => RecoveryQuest, { nullable: true, description: 'The quest started for the current break, if any.' })
  recoveryQuest: RecoveryQuest | null;

  @Field(() => Boolean, { description: 'True when the streak is broken and a recovery quest can be started now.' })
  recoveryQuestAvailable: boolean;

  @Field(() => [AchievementStatus], { description: 'The whole catalog with unlocked/claimed state.' })
  achievements: AchievementStatus[];

  @Field(() => [InventoryItem])
  inventory: InventoryItem[];
}

@ObjectType({ description: 'What a game action changed.' })
export class ActionPayload {
  @Field(() => Int, { description: 'XP this action paid (0 when none).' })
  xpGained: number;

  @Field(() => GameState, { description: 'The game state after the action committed.' })
  gameState: GameState;

  @Field(() => [Achievement], { description: 'Achievements this action unlocked (claim them to collect their XP).' })
  unlocked: Achievement[];
}

@ObjectType({ description: 'What a check-in changed.' })
export class CheckInPayload extends ActionPayload {
  @Field(() => CheckIn)
  checkIn: CheckIn;
}
