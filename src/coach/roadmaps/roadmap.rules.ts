import { z } from 'zod';

import type { XpAward } from '../../services/xp.rules';
import type { RoadmapRequest } from '../providers/provider';

export const ROADMAP_CATEGORIES = ['LEARN', 'PRACTICE', 'BUILD', 'REVIEW', 'SHIP'] as const;
export type RoadmapCategory = (typeof ROADMAP_CATEGORIES)[number];
export const ROADMAP_LEVELS = ['BEGINNER', 'INTERMEDIATE', 'ADVANCED'] as const;
/** A roadmap's goal, its length and the hours a day it asks for (input, service and GraphQL read these). */
export const ROADMAP_GOAL_MIN = 3;
export const ROADMAP_GOAL_MAX = 300;
export const MAX_WEEKS = 52;
export const MIN_HOURS_PER_DAY = 0.25;
export const MAX_HOURS_PER_DAY = 16;
/** Days are numbered 1..7 within a week. */
export const DAYS_PER_WEEK = 7;
/** A task pays a base, one more per so many minutes of effort, up to a cap. */
export const TASK_XP_BASE = 10;
export const TASK_XP_MINUTES_PER_POINT = 15;
export const TASK_XP_MAX = 30;

const task = z.object({
  title: z.string().trim().min(3).max(200),
  effortMinutes: z.number().int().min(5).max(600),
  category: z.enum(ROADMAP_CATEGORIES),
});
const day = z.object({
  day: z.number().int().min(1).max(DAYS_PER_WEEK),
  focus: z.string().trim().min(1).max(200),
  tasks: z.array(task).min(1).max(6),
});
const week = z.object({
  week: z.number().int().min(1).max(MAX_WEEKS),
  theme: z.string().trim().min(1).max(200),
  days: z.array(day).min(1).max(DAYS_PER_WEEK),
});

/** A roadmap as the model must return it, checked against the request (week count, numbering). */
export function roadmapPlanSchema(request: RoadmapRequest) {
  return z.object({ title: z.string().trim().min(1).max(200), weeks: z.array(week) }).superRefine((plan, issues) => {
    if (plan.weeks.length !== request.durationWeeks) {
      issues.addIssue({ code: 'custom', path: ['weeks'], message: `expected ${request.durationWeeks} weeks, got ${plan.weeks.length}` });
    }
    plan.weeks.forEach((w, i) => {
      if (w.week !== i + 1)
        issues.addIssue({ code: 'custom', path: ['weeks', i, 'week'], message: `weeks must be numbered 1..N in order` });
      const days = w.days.map((d) => d.day);
      if (new Set(days).size !== days.length)
        issues.addIssue({ code: 'custom', path: ['weeks', i, 'days'], message: 'day numbers repeat' });
    });
  });
}

export type RoadmapPlan = z.infer<ReturnType<typeof roadmapPlanSchema>>;

export type PlanCheck = { ok: true; plan: RoadmapPlan } | { ok: false; problem: string };

/** Parses and validates a model's answer. Tolerates a ```json fence around the object. */
export function checkRoadmapPlan(text: string, request: RoadmapRequest): PlanCheck {
  const body = text
    .trim()
    .replace(/^```(?:json)?\s*/i, '')
    .replace(/\s*```$/, '');
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, problem: 'the answer is not JSON' };
  }
  const parsed = roadmapPlanSchema(request).safeParse(json);
  if (parsed.success) return { ok: true, plan: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, problem: `${issue.path.join('.') || 'root'}: ${issue.message}` };
}

/** XP for a roadmap task: TASK_XP_BASE plus 1 per TASK_XP_MINUTES_PER_POINT minutes of effort, at most TASK_XP_MAX. */
export function roadmapTaskXp(effortMinutes: number): XpAward {
  const bonusCap = TASK_XP_MAX - TASK_XP_BASE;
  return {
    amount: TASK_XP_BASE + Math.min(Math.floor(effortMinutes / TASK_XP_MINUTES_PER_POINT), bonusCap),
    rule: `${TASK_XP_BASE} + min(floor(effortMinutes / ${TASK_XP_MINUTES_PER_POINT}), ${bonusCap})`,
    inputs: { effortMinutes },
  };
}

/** What completing a task pays, in words (GraphQL descriptions). */
export const TASK_XP_IN_WORDS = `${TASK_XP_BASE} + 1 per ${TASK_XP_MINUTES_PER_POINT} minutes of effort (max ${TASK_XP_MAX})`;

/** Taking back a completion: exactly what it paid, never more than the character holds. */
export function roadmapTaskXpReversal(awarded: number, xpHeld: number): XpAward {
  return { amount: -Math.min(awarded, xpHeld), rule: 'uncompleted roadmap task: −(XP it paid)', inputs: { awarded } };
}
