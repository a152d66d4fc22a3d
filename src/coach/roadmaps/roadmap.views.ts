import type { RoadmapRequest } from '../providers/provider';

export interface RoadmapTaskView {
  id: string;
  position: number;
  title: string;
  effortMinutes: number;
  category: string;
  completed: boolean;
  completedAt: Date | null;
  xpAwarded: number;
}

export interface RoadmapView {
  id: string;
  userId: string;
  goal: string;
  title: string;
  durationWeeks: number;
  hoursPerDay: number;
  level: RoadmapRequest['level'];
  provider: string;
  createdAt: Date;
  weeks: { id: string; week: number; theme: string; days: { id: string; day: number; focus: string; tasks: RoadmapTaskView[] }[] }[];
  tasksTotal: number;
  tasksCompleted: number;
}
