import { badInput } from '../../errors/domain-errors';
import { INTENTION_TEXT_MAX, INTENTION_TEXT_MIN } from '../../services/intention.rules';
import type { OnboardingStep } from '../providers/provider';

/** Goals named during onboarding, and the length of each and of the vision. */
export const MAX_GOALS = 3;
export const GOAL_TEXT_MIN = 3;
export const GOAL_TEXT_MAX = 200;
export const VISION_TEXT_MIN = 3;
export const VISION_TEXT_MAX = 1000;

/** The step after each one: VISION → GOALS → INTENTION → DONE. */
export const NEXT_STEP: Record<Exclude<OnboardingStep, 'DONE'>, OnboardingStep> = {
  VISION: 'GOALS',
  GOALS: 'INTENTION',
  INTENTION: 'DONE',
};

/** Splits a goals answer (one per line, or separated by semicolons) into 1..MAX_GOALS goals. */
export function parseGoals(answer: string): string[] {
  const goals = answer
    .split(/\r?\n|;/)
    .map((g) => g.replace(/^\s*(?:[-*•]|\d+[.)])\s*/, '').trim())
    .filter((g) => g.length > 0);
  if (goals.length === 0) throw badInput('answer', 'Name at least one goal.');
  if (goals.length > MAX_GOALS)
    throw badInput('answer', `At most ${MAX_GOALS} goals (got ${goals.length}): keep the ones that matter most.`);
  const bad = goals.find((g) => g.length < GOAL_TEXT_MIN || g.length > GOAL_TEXT_MAX);
  if (bad) throw badInput('answer', `Each goal must be ${GOAL_TEXT_MIN} to ${GOAL_TEXT_MAX} characters ("${bad.slice(0, 40)}").`);
  return goals;
}

/** Checks a (trimmed) vision answer. */
export function checkVision(text: string): string {
  if (text.length < VISION_TEXT_MIN || text.length > VISION_TEXT_MAX)
    throw badInput('answer', `Describe your vision in ${VISION_TEXT_MIN} to ${VISION_TEXT_MAX} characters.`);
  return text;
}

/** Checks a (trimmed) intention answer against the intention's own bounds. */
export function checkIntention(text: string): string {
  if (text.length < INTENTION_TEXT_MIN || text.length > INTENTION_TEXT_MAX)
    throw badInput('answer', `Today's intention must be ${INTENTION_TEXT_MIN} to ${INTENTION_TEXT_MAX} characters.`);
  return text;
}
