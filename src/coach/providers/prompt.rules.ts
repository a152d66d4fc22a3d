import { type ChatTurn, type CoachBrief, type CompletionTask, type MenteeFacts, type PlayerFacts, type RoadmapSection } from './provider';
import { estimateTokens } from './tokens';

const COACH_ROLE =
  "You are Xecution's execution coach. Be specific, warm and brief (under 150 words). Ground every suggestion in the facts below; never invent facts. Suggest one concrete next action.";

function playerLines(p: PlayerFacts): string[] {
  const lines = [
    `Player: ${p.displayName}. Today is ${p.today}.`,
    `Level ${p.level}, ${p.xp} XP, ${p.xpToNextLevel} XP to the next level.`,
    `Streak: ${p.streak.current} days (longest ${p.streak.longest}), status ${p.streak.status}, grace days ${p.streak.graceDays}, last check-in ${p.streak.lastCheckInDate ?? 'never'}.`,
    `Energy ${p.energy}/100, fatigue ${p.fatigue}/100. Checked in today: ${p.checkedInToday ? 'yes' : 'no'}.`,
    p.intention
      ? `Today's intention: "${p.intention.text}" (${p.intention.status}, ${p.intention.targetSprints} sprint(s) planned).`
      : "Today's intention: not set.",
    `Sprints today: ${p.sprintsToday.completed} completed (${p.sprintsToday.minutes} min), ${p.sprintsToday.abandoned} abandoned.` +
      (p.activeSprint ? ` A ${p.activeSprint.plannedMinutes}-minute sprint is running (${p.activeSprint.minutesSoFar} min in).` : ''),
  ];
  if (p.recentMisses.length > 0) {
    lines.push(
      `Recent misses: ${p.recentMisses.map((m) => (m.kind === 'NO_CHECK_IN' ? `${m.date} no check-in` : `${m.date} unfinished "${m.text}"`)).join('; ')}.`,
    );
  }
  if (p.recoveryQuestAvailable) lines.push('A recovery quest is available to repair the broken streak.');
  return lines;
}

function menteeLines(m: MenteeFacts): string[] {
  return [
    `Mentee: ${m.displayName}. Today is ${m.today}.`,
    `Adherence: ${pct(m.adherence7)} of the last 7 days, ${pct(m.adherence30)} of the last 30.`,
    `Streak ${m.streak.current} (longest ${m.streak.longest}), status ${m.streak.status}, last check-in ${m.streak.lastCheckInDate ?? 'never'}.`,
    `Days without a check-in (last 14): ${m.missedDays.length > 0 ? m.missedDays.join(', ') : 'none'}.`,
    `Intentions completed in 7 days: ${m.completedIntentions7}. Unfinished: ${m.failedIntentions.map((f) => `${f.date} "${f.text}"`).join('; ') || 'none'}.`,
    `Recent check-in notes: ${m.recentNotes.map((n) => `${n.date} (mood ${n.mood ?? '?'}) "${n.note}"`).join('; ') || 'none'}.`,
  ];
}

function sectionLines(s: RoadmapSection): string[] {
  const scope = s.scope.week ? `week ${s.scope.week}${s.scope.day ? `, day ${s.scope.day}` : ''}` : 'the whole roadmap';
  const lines = [
    `Roadmap "${s.title}" for the goal "${s.goal}" (${s.level}, ${s.durationWeeks} weeks, ${s.hoursPerDay} h/day). Scope: ${scope}.`,
  ];
  for (const week of s.weeks) {
    lines.push(`Week ${week.week}: ${week.theme}`);
    for (const day of week.days) {
      const tasks = day.tasks.map((t) => `${t.title} [${t.category}, ${t.effortMinutes} min${t.completed ? ', done' : ''}]`).join('; ');
      lines.push(`  Day ${day.day} (${day.focus}): ${tasks}`);
    }
  }
  return lines;
}

const pct = (ratio: number) => `${Math.round(ratio * 100)}%`;

/** The system message of a streamed reply. */
export function systemPrompt(brief: CoachBrief): string {
  switch (brief.kind) {
    case 'advice':
      return [COACH_ROLE, '', 'Game state:', ...playerLines(brief.player)].join('\n');
    case 'roadmap':
      return [COACH_ROLE, 'Answer about this part of the learning roadmap.', '', ...sectionLines(brief.section)].join('\n');
    case 'mentor':
      return [
        "You are a mentor's copilot. Answer the mentor's question about their mentee from the data below, with evidence and one suggestion for the mentor. Under 150 words; never invent facts.",
        '',
        ...menteeLines(brief.mentee),
      ].join('\n');
  }
}

/**
 * The prompt: the system message, then as many of the latest turns as fit in `budgetTokens` (the oldest
 * are dropped first), then the question. The system message and the question are always kept.
 */
export function fitPrompt(system: string, history: ChatTurn[], question: string, budgetTokens: number): ChatTurn[] {
  let left = budgetTokens - estimateTokens(system) - estimateTokens(question);
  const kept: ChatTurn[] = [];
  for (let i = history.length - 1; i >= 0; i--) {
    const cost = estimateTokens(history[i].content) + 4;
    if (cost > left) break;
    left -= cost;
    kept.unshift(history[i]);
  }
  // A reply without the question it answers only confuses the model.
  while (kept.length > 0 && kept[0].role === 'assistant') kept.shift();
  return [{ role: 'system', content: system }, ...kept, { role: 'user', content: question }];
}

/** The prompt of a short completion. */
export function completionPrompt(task: CompletionTask): ChatTurn[] {
  switch (task.kind) {
    case 'recovery-prompt': {
      const d = task.details;
      return [
        {
          role: 'system',
          content:
            'You write one reflection prompt (max 2 sentences, under 300 characters) for a player whose daily streak broke. Refer to what was missed. No preamble.',
        },
        {
          role: 'user',
          content: `Streak before the break: ${d.streakBefore} days (longest ${d.longest}). Last check-in ${d.lastDay}; ${d.daysMissed} day(s) missed. Unfinished intentions: ${d.unfinishedIntentions.map((t) => `"${t}"`).join(', ') || 'none'}.`,
        },
      ];
    }
    case 'onboarding-question':
      return [
        {
          role: 'system',
          content:
            'You onboard a new player of Xecution. Ask exactly the next question (one or two sentences), referring to their earlier answers. No preamble.',
        },
        {
          role: 'user',
          content: `Next step: ${task.step}. Vision so far: ${task.vision ?? '(none)'}. Goals: ${task.goals.join('; ') || '(none)'}. Intention: ${task.intention ?? '(none)'}.`,
        },
      ];
    case 'roadmap': {
      const r = task.request;
      return [
        {
          role: 'system',
          content: [
            'You design learning roadmaps. Answer with one JSON object only, no prose, in this shape:',
            '{"title": string, "weeks": [{"week": 1, "theme": string, "days": [{"day": 1, "focus": string, "tasks": [{"title": string, "effortMinutes": int, "category": "LEARN"|"PRACTICE"|"BUILD"|"REVIEW"|"SHIP"}]}]}]}',
            `Exactly ${r.durationWeeks} weeks numbered from 1; 1..7 days per week numbered 1..7; 1..6 tasks per day; effortMinutes 5..600; a day's tasks add up to about ${Math.round(r.hoursPerDay * 60)} minutes.`,
          ].join('\n'),
        },
        { role: 'user', content: `Goal: ${r.goal}. Level: ${r.level}. ${r.durationWeeks} weeks, ${r.hoursPerDay} hours per day.` },
      ];
    }
  }
}
