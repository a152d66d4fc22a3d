import { randomUUID } from 'node:crypto';

import type { Tx } from '../../db/data-source';
import type { Database } from '../../db/database';
import { notFound } from '../../errors/domain-errors';
import { isUuid } from '../../lib/ids';
import type { RoadmapRequest } from '../providers/provider';
import type { RoadmapPlan } from './roadmap.rules';
import type { RoadmapTaskView, RoadmapView } from './roadmap.views';

interface RoadmapRow {
  id: string;
  user_id: string;
  goal: string;
  title: string;
  duration_weeks: number;
  hours_per_day: string;
  level: RoadmapRequest['level'];
  provider: string;
  created_at: Date;
}

/** A task row locked for a completion change, with the roadmap its events name. */
export type LockedTask = Pick<TaskRow, 'id' | 'position' | 'title' | 'effort_minutes' | 'category' | 'completed_at' | 'xp_awarded'> & {
  roadmap_id: string;
};

export interface TaskRow {
  week_id: string;
  week_number: number;
  theme: string;
  day_id: string;
  day_number: number;
  focus: string;
  id: string;
  position: number;
  title: string;
  effort_minutes: number;
  category: string;
  completed_at: Date | null;
  xp_awarded: number;
}

const TASK_SQL = `
SELECT w.id AS week_id, w.week_number, w.theme, d.id AS day_id, d.day_number, d.focus,
       t.id, t.position, t.title, t.effort_minutes, t.category, t.completed_at, t.xp_awarded
  FROM roadmap_weeks w JOIN roadmap_days d ON d.week_id = w.id JOIN roadmap_tasks t ON t.day_id = d.id
 WHERE w.roadmap_id = $1
 ORDER BY w.week_number, d.day_number, t.position`;

/** What a new roadmap is stored with besides its plan. */
export interface NewRoadmap {
  userId: string;
  request: RoadmapRequest;
  provider: string;
  now: Date;
}

/** Roadmaps: the only module that reads or writes `roadmaps`, `roadmap_weeks`, `roadmap_days` and `roadmap_tasks`. */
export class RoadmapStore {
  constructor(private readonly db: Database) {}

  /** Stores a roadmap whole, in one transaction; returns its id. */
  async insert(roadmap: NewRoadmap, plan: RoadmapPlan): Promise<string> {
    const roadmapId = randomUUID();
    const { weeks, days, tasks } = columnsOf(plan);
    const { userId, request } = roadmap;
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO roadmaps (id, user_id, goal, title, duration_weeks, hours_per_day, level, provider, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          roadmapId,
          userId,
          request.goal,
          plan.title,
          request.durationWeeks,
          request.hoursPerDay,
          request.level,
          roadmap.provider,
          roadmap.now,
        ],
      );
      await tx.query(
        `INSERT INTO roadmap_weeks (id, roadmap_id, week_number, theme) SELECT w.id, $1, w.n, w.theme FROM unnest($2::uuid[], $3::int[], $4::text[]) AS w(id, n, theme)`,
        [roadmapId, weeks.id, weeks.number, weeks.theme],
      );
      await tx.query(
        `INSERT INTO roadmap_days (id, week_id, day_number, focus) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[])`,
        [days.id, days.week, days.number, days.focus],
      );
      await tx.query(
        `INSERT INTO roadmap_tasks (day_id, roadmap_id, user_id, position, title, effort_minutes, category)
         SELECT t.day_id, $1, $2, t.position, t.title, t.effort, t.category
           FROM unnest($3::uuid[], $4::int[], $5::text[], $6::int[], $7::text[]) AS t(day_id, position, title, effort, category)`,
        [roadmapId, userId, tasks.day, tasks.position, tasks.title, tasks.effort, tasks.category],
      );
    });
    return roadmapId;
  }

  /** A roadmap with its weeks, days and tasks, or null. */
  async load(roadmapId: string): Promise<RoadmapView | null> {
    if (!isUuid(roadmapId)) return null;
    const [row] = await this.db.query<RoadmapRow>('SELECT * FROM roadmaps WHERE id = $1', [roadmapId]);
    if (!row) return null;
    const taskRows = await this.db.query<TaskRow>(TASK_SQL, [roadmapId]);
    const weeks: RoadmapView['weeks'] = [];
    for (const t of taskRows) {
      let week = weeks[weeks.length - 1];
      if (week?.id !== t.week_id) weeks.push((week = { id: t.week_id, week: t.week_number, theme: t.theme, days: [] }));
      let day = week.days[week.days.length - 1];
      if (day?.id !== t.day_id) week.days.push((day = { id: t.day_id, day: t.day_number, focus: t.focus, tasks: [] }));
      day.tasks.push(taskView(t));
    }
    return {
      id: row.id,
      userId: row.user_id,
      goal: row.goal,
      title: row.title,
      durationWeeks: row.duration_weeks,
      hoursPerDay: Number(row.hours_per_day),
      level: row.level,
      provider: row.provider,
      createdAt: new Date(row.created_at),
      weeks,
      tasksTotal: taskRows.length,
      tasksCompleted: taskRows.filter((t) => t.completed_at !== null).length,
    };
  }

  /** The ids of a user's latest roadmaps, newest first. */
  async latestIds(userId: string, limit: number): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>('SELECT id FROM roadmaps WHERE user_id = $1 ORDER BY created_at DESC LIMIT $2', [
      userId,
      limit,
    ]);
    return rows.map((row) => row.id);
  }

  /** A task of `userId`, locked for the rest of the transaction. */
  async lockTask(tx: Tx, taskId: string, userId: string): Promise<LockedTask> {
    const rows: LockedTask[] = isUuid(taskId)
      ? await tx.query(
          'SELECT id, roadmap_id, position, title, effort_minutes, category, completed_at, xp_awarded FROM roadmap_tasks WHERE id = $1 AND user_id = $2 FOR UPDATE',
          [taskId, userId],
        )
      : [];
    if (!rows[0]) throw notFound('Roadmap task');
    return rows[0];
  }

  /** Marks a task completed (with the XP it paid) or not (`completedAt` null, no XP). */
  async setCompletion(tx: Tx, taskId: string, completedAt: Date | null, xpAwarded: number): Promise<void> {
    await tx.query('UPDATE roadmap_tasks SET completed_at = $2, xp_awarded = $3 WHERE id = $1', [taskId, completedAt, xpAwarded]);
  }
}

export function taskView(
  t: Pick<TaskRow, 'id' | 'position' | 'title' | 'effort_minutes' | 'category' | 'completed_at' | 'xp_awarded'>,
): RoadmapTaskView {
  return {
    id: t.id,
    position: t.position,
    title: t.title,
    effortMinutes: t.effort_minutes,
    category: t.category,
    completed: t.completed_at !== null,
    completedAt: t.completed_at ? new Date(t.completed_at) : null,
    xpAwarded: t.xp_awarded,
  };
}

/** The plan as column arrays, one per table (each table is written in one statement with unnest). */
function columnsOf(plan: RoadmapPlan) {
  const weeks = { id: [] as string[], number: [] as number[], theme: [] as string[] };
  const days = { id: [] as string[], week: [] as string[], number: [] as number[], focus: [] as string[] };
  const tasks = { day: [] as string[], position: [] as number[], title: [] as string[], effort: [] as number[], category: [] as string[] };
  for (const w of plan.weeks) {
    const weekId = randomUUID();
    weeks.id.push(weekId);
    weeks.number.push(w.week);
    weeks.theme.push(w.theme);
    for (const d of w.days) {
      const dayId = randomUUID();
      days.id.push(dayId);
      days.week.push(weekId);
      days.number.push(d.day);
      days.focus.push(d.focus);
      d.tasks.forEach((t, i) => {
        tasks.day.push(dayId);
        tasks.position.push(i + 1);
        tasks.title.push(t.title);
        tasks.effort.push(t.effortMinutes);
        tasks.category.push(t.category);
      });
    }
  }
  return { weeks, days, tasks };
}
