import type { RoadmapRequest } from '../providers/provider';
import type { RoadmapCategory, RoadmapPlan } from './roadmap.rules';

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
