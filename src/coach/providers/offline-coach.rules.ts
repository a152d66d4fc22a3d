import type { BreakDetails, CoachBrief, MenteeFacts, OnboardingStep, PlayerFacts, RoadmapSection } from './provider';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const pct = (ratio: number) => `${Math.round(ratio * 100)}%`;

/** The offline coach's reply to a brief: deterministic, specific to the facts. */
export function offlineReply(brief: CoachBrief): string {
  switch (brief.kind) {
    case 'advice':
      return adviceFor(brief.player, brief.question);
    case 'roadmap':
      return roadmapAnswer(brief.section, brief.question);
    case 'mentor':
      return mentorAnswer(brief.mentee, brief.question);
  }
}

/** The day is won: checked in and today's intention completed. */
export function dayFinished(p: PlayerFacts): boolean {
  return p.checkedInToday && p.intention?.status === 'COMPLETED';
}

/** Advice from the game state, most urgent first: streak, then energy and fatigue, then today's work, then misses. */
export function adviceFor(p: PlayerFacts, question: string): string {
  const lines: string[] = [];
  const s = p.streak;

  if (dayFinished(p)) {
    lines.push(
      `Today is done: you checked in and finished "${p.intention?.text}". Stop here — rest is part of the game.` +
        ` Before you close the day, write down tomorrow's one thing so the morning starts with a decision already made.`,
    );
  } else if (s.status === 'BROKEN') {
    lines.push(
      `Your ${s.current}-day streak is broken (last check-in ${s.lastCheckInDate ?? 'never'}).` +
        (p.recoveryQuestAvailable
          ? ' Start the recovery quest now: one honest reflection repairs the break and pays 25 XP.'
          : ' Check in today to start a new one — day one counts as much as day one hundred.'),
    );
  } else if (s.status === 'AT_RISK') {
    lines.push(`Your ${s.current}-day streak is at risk: check in today to keep it.`);
  } else if (s.status === 'NONE') {
    lines.push('You have no streak yet: your first check-in today starts one.');
  } else {
    lines.push(`You're on a ${s.current}-day streak${s.current >= s.longest && s.current > 1 ? ' — your best yet' : ''}. Protect it.`);
  }

  if (!dayFinished(p)) {
    if (p.energy < 10) {
      lines.push(
        `Energy is ${p.energy}: too low to start a sprint (it needs 10). Recover first — check in (+10), use an Energy Drink, or take a real break.`,
      );
    } else if (p.energy < 30) {
      lines.push(`Energy is low (${p.energy}/100): keep the next sprint short, 15–25 minutes, on the easiest piece of work.`);
    }
    if (p.fatigue >= 70)
      lines.push(`Fatigue is high (${p.fatigue}/100): a Power Nap or a walk now will pay for itself in the next sprint.`);

    if (p.activeSprint) {
      lines.push(
        `Your ${p.activeSprint.plannedMinutes}-minute sprint is running (${p.activeSprint.minutesSoFar} min in): close everything else until it ends.`,
      );
    } else if (!p.intention) {
      lines.push("You haven't set today's intention: name the one thing that would make today a win, then start a 25-minute sprint on it.");
    } else if (p.intention.status === 'PENDING') {
      const left = Math.max(0, p.intention.targetSprints - p.sprintsToday.completed);
      lines.push(
        left > 0
          ? `Today's intention is "${p.intention.text}": ${p.sprintsToday.completed} of ${p.intention.targetSprints} sprints done, ${plural(left, 'sprint')} to go. Start the next one now.`
          : `You've done the sprints planned for "${p.intention.text}": mark it complete to bank 50 XP.`,
      );
    }
    if (p.sprintsToday.abandoned > 0) lines.push(`${plural(p.sprintsToday.abandoned, 'sprint')} abandoned today: plan shorter sprints.`);
  }

  const missedCheckIns = p.recentMisses.filter((m) => m.kind === 'NO_CHECK_IN').length;
  const unfinished = p.recentMisses.filter((m) => m.kind === 'INTENTION_FAILED');
  if (missedCheckIns >= 2)
    lines.push(`You missed ${missedCheckIns} check-ins in the last week: tie the check-in to something you already do every morning.`);
  if (unfinished.length > 0) {
    lines.push(
      `"${unfinished[0].text}" was left unfinished on ${unfinished[0].date}: make the next intention smaller than feels necessary.`,
    );
  }

  const tip = questionTip(question);
  if (tip) lines.push(tip);
  return lines.join(' ');
}

function questionTip(question: string): string | null {
  const q = question.toLowerCase();
  if (/motivat|lazy|procrastinat/.test(q)) return 'Motivation follows action: commit to five minutes, not to the whole task.';
  if (/tired|exhaust|sleep|burn/.test(q)) return 'Treat rest as a scheduled block, not a reward.';
  if (/focus|distract/.test(q)) return 'One tab, phone in another room, a timer running: that is the whole trick.';
  if (/plan|priorit|what should/.test(q)) return 'Pick the task that makes every other task easier or unnecessary.';
  return null;
}

function roadmapAnswer(s: RoadmapSection, question: string): string {
  const tasks = s.weeks.flatMap((w) => w.days.flatMap((d) => d.tasks.map((t) => ({ ...t, week: w.week, day: d.day }))));
  const done = tasks.filter((t) => t.completed).length;
  const minutes = tasks.reduce((sum, t) => sum + t.effortMinutes, 0);
  const next = tasks.find((t) => !t.completed);
  const scope = s.scope.week ? `Week ${s.scope.week}${s.scope.day ? `, day ${s.scope.day}` : ''}` : `"${s.title}"`;
  const theme = s.weeks.length === 1 ? ` (${s.weeks[0].theme})` : '';
  const lines = [`${scope}${theme} has ${plural(tasks.length, 'task')} — about ${Math.round(minutes / 60)} h of work; ${done} done.`];
  lines.push(
    next
      ? `Next up: "${next.title}" (${next.category.toLowerCase()}, ${next.effortMinutes} min, week ${next.week} day ${next.day}).`
      : 'Everything here is done: move on to the next week.',
  );
  const q = question.toLowerCase();
  if (/behind|late|catch up|missed/.test(q)) lines.push('Behind? Skip nothing marked BUILD or SHIP; compress the LEARN tasks instead.');
  else if (/why|purpose|point/.test(q))
    lines.push(`It serves your goal "${s.goal}": each week builds on the last, from learning to building to shipping.`);
  else if (/hard|difficult|stuck/.test(q)) lines.push('Stuck? Cut the task in half and finish the first half in one sprint.');
  return lines.join(' ');
}

function mentorAnswer(m: MenteeFacts, question: string): string {
  const lines = [
    `${m.displayName} checked in on ${pct(m.adherence7)} of the last 7 days and ${pct(m.adherence30)} of the last 30; the streak is ${m.streak.current} (longest ${m.streak.longest}, ${m.streak.status.toLowerCase().replace('_', ' ')}).`,
  ];
  if (m.missedDays.length > 0)
    lines.push(`Missed check-ins in the last two weeks: ${m.missedDays.slice(0, 5).join(', ')}${m.missedDays.length > 5 ? '…' : ''}.`);
  if (m.failedIntentions.length > 0)
    lines.push(
      `Unfinished intentions: ${m.failedIntentions
        .slice(0, 3)
        .map((f) => `"${f.text}" (${f.date})`)
        .join(', ')}.`,
    );
  const low = m.recentNotes.filter((n) => n.mood !== null && n.mood <= 2);
  if (m.recentNotes.length > 0) lines.push(`Latest note (${m.recentNotes[0].date}): "${m.recentNotes[0].note}".`);
  if (m.adherence7 < 0.3 || m.streak.status === 'BROKEN') {
    lines.push('Suggestion: reach out today with one small, specific ask — a check-in tomorrow, nothing more.');
  } else if (low.length > 0) {
    lines.push('Suggestion: their mood has dipped; ask how they are before asking about output.');
  } else if (m.failedIntentions.length >= 2) {
    lines.push('Suggestion: help them size intentions smaller — consistency first, ambition second.');
  } else {
    lines.push('Suggestion: acknowledge the consistency; raise the bar a little with a bigger weekly target.');
  }
  if (/risk|worr|concern/.test(question.toLowerCase())) {
    lines.push(m.adherence7 < 0.6 ? 'Risk: real — fewer than 60% of days this week.' : 'Risk: low right now.');
  }
  return lines.join(' ');
}

/** A recovery reflection prompt built from what was missed. */
export function recoveryPrompt(d: BreakDetails): string {
  const missed = d.daysMissed === 1 ? 'one day' : `${d.daysMissed} days`;
  const unfinished = d.unfinishedIntentions[0];
  const run =
    d.streakBefore >= 7
      ? `a ${d.streakBefore}-day streak`
      : d.streakBefore >= d.longest && d.longest > 1
        ? `your best run yet (${d.streakBefore} days)`
        : `a ${d.streakBefore}-day streak`;
  const first = unfinished
    ? `You had ${run}, then missed ${missed} with "${unfinished}" left unfinished.`
    : `You had ${run}, then missed ${missed} after ${d.lastDay}.`;
  const ask =
    d.daysMissed >= 3
      ? 'What pulled you away for that long, and what is the smallest version of your routine you can keep even on a bad day?'
      : 'What got in the way, and what one change protects the next week?';
  return `${first} ${ask}`.slice(0, 1000);
}

/** The next onboarding question, referring to the earlier answers. */
export function onboardingQuestion(step: OnboardingStep, vision: string | null, goals: string[], intention: string | null): string {
  switch (step) {
    case 'VISION':
      return 'Welcome to Xecution. Picture yourself a year from now, with things going well: what are you doing, and what have you built or learned?';
    case 'GOALS':
      return `"${clip(vision)}" — a vision worth playing for. Which goals (up to three, one per line) would move you toward it over the next few months?`;
    case 'INTENTION':
      return `Good: ${goals.map((g) => `"${clip(g, 60)}"`).join(', ')}. Now make it real today: what is the one thing you will ship or finish today toward "${clip(goals[0], 60)}"?`;
    case 'DONE':
      return `You're set. Today's intention: "${clip(intention)}". Start a 25-minute sprint on it now, and check in every day to build your streak.`;
  }
}

const clip = (text: string | null, max = 120) => {
  const t = (text ?? '').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
};
