import { parseGoals } from '../../src/coach/onboarding/onboarding.rules';
import { tokenize } from '../../src/coach/providers/offline.provider';
import { adviceFor, recoveryPrompt } from '../../src/coach/providers/offline-coach.rules';
import { fitPrompt } from '../../src/coach/providers/prompt.rules';
import type { ChatTurn, PlayerFacts } from '../../src/coach/providers/provider';
import { estimateTokens } from '../../src/coach/providers/tokens';
import { checkRoadmapPlan, ROADMAP_LEVELS, roadmapTaskXp, roadmapTaskXpReversal } from '../../src/coach/roadmaps/roadmap.rules';
import { roadmapTemplate } from '../../src/coach/roadmaps/roadmap-template.rules';

const base: PlayerFacts = {
  displayName: 'Sam',
  today: '2026-05-10',
  level: 2,
  xp: 150,
  xpToNextLevel: 150,
  streak: { current: 4, longest: 4, graceDays: 1, status: 'ACTIVE', lastCheckInDate: '2026-05-10' },
  energy: 60,
  fatigue: 10,
  checkedInToday: true,
  intention: { text: 'Ship the API', status: 'PENDING', targetSprints: 3 },
  activeSprint: null,
  sprintsToday: { completed: 1, abandoned: 0, minutes: 25 },
  recentMisses: [],
  recoveryQuestAvailable: false,
};

describe('the offline coach', () => {
  test('advice changes with the game state', () => {
    expect(adviceFor(base, '')).toContain('"Ship the API": 1 of 3 sprints done, 2 sprints to go');
    expect(adviceFor({ ...base, streak: { ...base.streak, status: 'AT_RISK' }, checkedInToday: false }, '')).toContain(
      '4-day streak is at risk',
    );
    expect(adviceFor({ ...base, streak: { ...base.streak, status: 'BROKEN' }, recoveryQuestAvailable: true }, '')).toContain(
      'Start the recovery quest',
    );
    expect(adviceFor({ ...base, energy: 25 }, '')).toContain('Energy is low (25/100)');
    expect(adviceFor({ ...base, activeSprint: { plannedMinutes: 50, minutesSoFar: 10 } }, '')).toContain(
      '50-minute sprint is running (10 min in)',
    );
    expect(adviceFor({ ...base, sprintsToday: { completed: 3, abandoned: 1, minutes: 75 } }, '')).toContain(
      'mark it complete to bank 50 XP',
    );
    const finished = adviceFor({ ...base, intention: { ...base.intention!, status: 'COMPLETED' }, energy: 5 }, '');
    expect(finished).toContain('Today is done');
    expect(finished).not.toContain('Energy');
    const missed = adviceFor(
      {
        ...base,
        recentMisses: [
          { date: '2026-05-09', kind: 'NO_CHECK_IN' },
          { date: '2026-05-08', kind: 'NO_CHECK_IN' },
        ],
      },
      '',
    );
    expect(missed).toContain('You missed 2 check-ins in the last week');
  });

  test('recovery prompts name what was missed', () => {
    expect(recoveryPrompt({ streakBefore: 12, longest: 20, lastDay: '2026-05-01', daysMissed: 3, unfinishedIntentions: [] })).toBe(
      'You had a 12-day streak, then missed 3 days after 2026-05-01. What pulled you away for that long, and what is the smallest version of your routine you can keep even on a bad day?',
    );
  });

  test('tokens join back to exactly the text', () => {
    const text = 'Two  spaces, a\nnewline and "quotes".';
    expect(tokenize(text).join('')).toBe(text);
  });
});

describe('the prompt budget', () => {
  const turns: ChatTurn[] = Array.from({ length: 10 }, (_, i) => ({
    role: i % 2 === 0 ? 'user' : 'assistant',
    content: `turn ${i} ${'x'.repeat(200)}`,
  }));

  test('drops the oldest turns first and keeps the system message and the question', () => {
    const prompt = fitPrompt('system', turns, 'question?', 300);
    expect(prompt[0]).toEqual({ role: 'system', content: 'system' });
    expect(prompt.at(-1)).toEqual({ role: 'user', content: 'question?' });
    const kept = prompt.slice(1, -1);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.at(-1)!.content).toMatch(/^turn 9/);
    expect(kept[0].role).toBe('user');
    expect(prompt.reduce((sum, t) => sum + estimateTokens(t.content), 0)).toBeLessThanOrEqual(300);
  });

  test('a budget smaller than the system message keeps no history', () => {
    expect(fitPrompt('s'.repeat(400), turns, 'q', 50)).toHaveLength(2);
  });
});

describe('roadmaps', () => {
  test('the template roadmap is valid for every level and length', () => {
    for (const level of ROADMAP_LEVELS) {
      for (const durationWeeks of [1, 2, 7, 52]) {
        for (const hoursPerDay of [0.25, 1, 3, 16]) {
          const request = { goal: 'Learn Go', durationWeeks, hoursPerDay, level };
          const check = checkRoadmapPlan(JSON.stringify(roadmapTemplate(request)), request);
          expect(check).toMatchObject({ ok: true });
        }
      }
    }
  });

  test('answers are checked against the request', () => {
    const request = { goal: 'Learn Go', durationWeeks: 2, hoursPerDay: 1, level: 'BEGINNER' as const };
    const plan = roadmapTemplate(request);
    expect(checkRoadmapPlan('```json\n' + JSON.stringify(plan) + '\n```', request).ok).toBe(true);
    expect(checkRoadmapPlan('not json', request)).toEqual({ ok: false, problem: 'the answer is not JSON' });
    expect(checkRoadmapPlan(JSON.stringify({ ...plan, weeks: [plan.weeks[1], plan.weeks[0]] }), request)).toMatchObject({
      ok: false,
      problem: expect.stringContaining('numbered'),
    });
    const badTask = structuredClone(plan);
    badTask.weeks[0].days[0].tasks[0].category = 'NAP' as never;
    expect(checkRoadmapPlan(JSON.stringify(badTask), request)).toMatchObject({
      ok: false,
      problem: expect.stringContaining('weeks.0.days.0.tasks.0.category'),
    });
  });

  test('task XP and its reversal', () => {
    expect(roadmapTaskXp(5).amount).toBe(10);
    expect(roadmapTaskXp(90).amount).toBe(16);
    expect(roadmapTaskXp(600).amount).toBe(30);
    expect(roadmapTaskXpReversal(16, 100).amount).toBe(-16);
    expect(roadmapTaskXpReversal(16, 7).amount).toBe(-7);
  });
});

test('onboarding goals: one per line or separated by semicolons, at most three', () => {
  expect(parseGoals('1. Ship v1\n2) Hire a designer; * Raise a seed')).toEqual(['Ship v1', 'Hire a designer', 'Raise a seed']);
  expect(() => parseGoals('a1a; b2b; c3c; d4d')).toThrow('At most 3 goals');
  expect(() => parseGoals('  \n ')).toThrow('at least one goal');
});
