import type { LocalDate } from '../../lib/local-day';
import type { StreakStatus } from '../../services/streak.rules';

export type ProviderName = 'openai' | 'offline';

/** One message of a Chat Completions prompt. */
export interface ChatTurn {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** What a provider's stream yields: text as it comes, and the usage when the provider reports it. */
export type StreamEvent = { type: 'token'; text: string } | { type: 'usage'; tokensIn: number; tokensOut: number; estimated?: boolean };

/** The game state the coach reads, as facts (the offline coach reasons on these; the model gets them as text). */
export interface PlayerFacts {
  displayName: string;
  today: LocalDate;
  level: number;
  xp: number;
  xpToNextLevel: number;
  streak: { current: number; longest: number; graceDays: number; status: StreakStatus; lastCheckInDate: LocalDate | null };
  energy: number;
  fatigue: number;
  checkedInToday: boolean;
  intention: { text: string; status: 'PENDING' | 'COMPLETED' | 'FAILED'; targetSprints: number } | null;
  activeSprint: { plannedMinutes: number; minutesSoFar: number } | null;
  sprintsToday: { completed: number; abandoned: number; minutes: number };
  /** The last 7 local days before today that went wrong, newest first. */
  recentMisses: Miss[];
  recoveryQuestAvailable: boolean;
}

export interface Miss {
  date: LocalDate;
  kind: 'NO_CHECK_IN' | 'INTENTION_FAILED';
  /** The intention's text, for INTENTION_FAILED. */
  text?: string;
}

/** A mentee's record as a mentor's copilot sees it. */
export interface MenteeFacts {
  displayName: string;
  today: LocalDate;
  adherence7: number;
  adherence30: number;
  streak: { current: number; longest: number; status: StreakStatus; lastCheckInDate: LocalDate | null };
  /** Local days of the last 14 without a check-in, newest first. */
  missedDays: LocalDate[];
  failedIntentions: { date: LocalDate; text: string }[];
  completedIntentions7: number;
  recentNotes: { date: LocalDate; mood: number | null; note: string }[];
}

/** The part of a roadmap a question is about. */
export interface RoadmapSection {
  goal: string;
  title: string;
  level: string;
  hoursPerDay: number;
  durationWeeks: number;
  /** The weeks in scope (one when a week was named), each with its days and tasks. */
  weeks: {
    week: number;
    theme: string;
    days: { day: number; focus: string; tasks: { title: string; effortMinutes: number; category: string; completed: boolean }[] }[];
  }[];
  scope: { week?: number; day?: number };
}

/** What a streamed reply is about: the model gets it as prompt text, the offline coach reads it directly. */
export type CoachBrief =
  | { kind: 'advice'; player: PlayerFacts; question: string }
  | { kind: 'roadmap'; section: RoadmapSection; question: string }
  | { kind: 'mentor'; mentee: MenteeFacts; question: string };

export interface CoachRequest {
  brief: CoachBrief;
  prompt: ChatTurn[];
}

/** What was missed before a streak broke: the recovery prompt is built from it. */
export interface BreakDetails {
  streakBefore: number;
  longest: number;
  lastDay: LocalDate;
  daysMissed: number;
  /** Intentions left unfinished around the break. */
  unfinishedIntentions: string[];
}

export interface RoadmapRequest {
  goal: string;
  durationWeeks: number;
  hoursPerDay: number;
  level: 'BEGINNER' | 'INTERMEDIATE' | 'ADVANCED';
}

export type OnboardingStep = 'VISION' | 'GOALS' | 'INTENTION' | 'DONE';

/** Short, non-streamed work. */
export type CompletionTask =
  | { kind: 'recovery-prompt'; details: BreakDetails }
  | { kind: 'roadmap'; request: RoadmapRequest }
  | { kind: 'onboarding-question'; step: OnboardingStep; vision: string | null; goals: string[]; intention: string | null };

export interface CompletionRequest {
  task: CompletionTask;
  prompt: ChatTurn[];
  /** Ask for a JSON object (roadmaps). */
  json?: boolean;
  /** Which try this is (from 1): the offline coach never needs a second. */
  attempt?: number;
}

export interface Completion {
  text: string;
  tokensIn: number;
  tokensOut: number;
}

/** A source of coach replies: OpenAI (or any compatible server) or the offline coach. */
export interface CoachProvider {
  readonly name: ProviderName;
  /** Streams a reply; stops (throwing an AbortError) when `signal` aborts. */
  stream(request: CoachRequest, signal: AbortSignal): AsyncIterable<StreamEvent>;
  /** One short reply, not streamed. */
  complete(request: CompletionRequest, signal: AbortSignal): Promise<Completion>;
}

/** The provider failed: an HTTP error, a refused connection, or a stream that ended before the reply did. */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly reason: 'PROVIDER_ERROR' | 'STREAM_DROPPED',
  ) {
    super(message);
  }
}
