import { z } from 'zod';

import type { XpAward } from '../../services/xp.rules';
import type { RoadmapRequest } from '../providers/provider';

export const ROADMAP_CATEGORIES = ['LEARN', 'PRACTICE', 'BUILD', 'REVIEW', 'SHIP'] as const;
export type RoadmapCategory = (typeof ROADMAP_CATEGORIES)[number];
export const ROADMAP_LEVELS = ['BEGINNER', 'INTERMEDIATE', 'ADVANCED'] as const;
export const MAX_WEEKS = 52;
export const MAX_HOURS_PER_DAY = 16;

const task = z.object({
  title: z.string().trim().min(3).max(200),
  effortMinutes: z.number().int().min(5).max(600),
  category: z.enum(ROADMAP_CATEGORIES),
});
const day = z.object({
  day: z.number().int().min(1).max(7),
  focus: z.string().trim().min(1).max(200),
  tasks: z.array(task).min(1).max(6),
});
const week = z.object({
  week: z.number().int().min(1).max(MAX_WEEKS),
  theme: z.string().trim().min(1).max(200),
  days: z.array(day).min(1).max(7),
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

/** XP for a roadmap task: 10 plus 1 per 15 minutes of effort, at most 30. */
export function roadmapTaskXp(effortMinutes: number): XpAward {
  return {
    amount: 10 + Math.min(Math.floor(effortMinutes / 15), 20),
    rule: '10 + min(floor(effortMinutes / 15), 20)',
    inputs: { effortMinutes },
  };
}

/** Taking back a completion: exactly what it paid, never more than the character holds. */
export function roadmapTaskXpReversal(awarded: number, xpHeld: number): XpAward {
  return { amount: -Math.min(awarded, xpHeld), rule: 'uncompleted roadmap task: −(XP it paid)', inputs: { awarded } };
}

const PHASES: Record<RoadmapRequest['level'], { share: number; theme: string; category: RoadmapCategory }[]> = {
  BEGINNER: [
    { share: 0.4, theme: 'Foundations', category: 'LEARN' },
    { share: 0.35, theme: 'Guided practice', category: 'PRACTICE' },
    { share: 0.25, theme: 'First project', category: 'BUILD' },
  ],
  INTERMEDIATE: [
    { share: 0.25, theme: 'Fill the gaps', category: 'LEARN' },
    { share: 0.35, theme: 'Deliberate practice', category: 'PRACTICE' },
    { share: 0.4, theme: 'Build something real', category: 'BUILD' },
  ],
  ADVANCED: [
    { share: 0.15, theme: 'Advanced topics', category: 'LEARN' },
    { share: 0.25, theme: 'Hard problems', category: 'PRACTICE' },
    { share: 0.6, theme: 'Ambitious project', category: 'BUILD' },
  ],
};

const DAY_FOCUS: Record<RoadmapCategory, string[]> = {
  LEARN: ['Core concepts', 'Worked examples', 'Key tools', 'Deeper reading'],
  PRACTICE: ['Exercises', 'Drills', 'Small challenges', 'Timed practice'],
  BUILD: ['Plan the build', 'Build the core', 'Extend it', 'Polish'],
  REVIEW: ['Review the week'],
  SHIP: ['Ship and share'],
};

/**
 * The offline coach's roadmap: phases by level (learn → practice → build), five working days a week with
 * the day's hours split into one to three tasks, a review every fifth day and shipping in the last week.
 */
export function roadmapTemplate(request: RoadmapRequest): RoadmapPlan {
  const goal = request.goal.trim();
  const minutes = Math.max(15, Math.round(request.hoursPerDay * 60));
  const phases = PHASES[request.level];
  const phaseOf = (weekIndex: number) => {
    const progress = (weekIndex + 0.5) / request.durationWeeks;
    let acc = 0;
    for (const phase of phases) {
      acc += phase.share;
      if (progress <= acc) return phase;
    }
    return phases[phases.length - 1];
  };
  const split = (total: number, parts: number) => {
    const each = Math.max(5, Math.min(600, Math.floor(total / parts / 5) * 5));
    return Array.from({ length: parts }, () => each);
  };
  const weeks = Array.from({ length: request.durationWeeks }, (_, w) => {
    const last = w === request.durationWeeks - 1;
    const phase = phaseOf(w);
    const theme = last && request.durationWeeks > 1 ? `Ship: ${goal}`.slice(0, 200) : `${phase.theme}: ${goal}`.slice(0, 200);
    const days = Array.from({ length: 5 }, (_, d) => {
      const review = d === 4;
      const category: RoadmapCategory = review ? (last ? 'SHIP' : 'REVIEW') : phase.category;
      const focus = DAY_FOCUS[category][d % DAY_FOCUS[category].length];
      const parts = review ? 1 : minutes >= 120 ? 3 : minutes >= 60 ? 2 : 1;
      const tasks = split(minutes, parts).map((effortMinutes, t) => ({
        title: taskTitle(category, focus, goal, w + 1, t + 1),
        effortMinutes,
        category,
      }));
      return { day: d + 1, focus, tasks };
    });
    return { week: w + 1, theme, days };
  });
  return { title: `${goal} in ${request.durationWeeks} week${request.durationWeeks === 1 ? '' : 's'}`.slice(0, 200), weeks };
}

function taskTitle(category: RoadmapCategory, focus: string, goal: string, week: number, n: number): string {
  const verb = { LEARN: 'Study', PRACTICE: 'Practise', BUILD: 'Build', REVIEW: 'Review', SHIP: 'Ship' }[category];
  const what = {
    LEARN: `${focus.toLowerCase()} of ${goal}`,
    PRACTICE: `${goal}: ${focus.toLowerCase()}`,
    BUILD: `${goal} project, part ${n}`,
    REVIEW: `week ${week}: what worked, what to change`,
    SHIP: `${goal}: publish the result and ask for feedback`,
  }[category];
  return `${verb} ${what}`.slice(0, 200);
}
