import type { Database } from '../db/database';
import { Achievement } from '../entities/achievement.entity';
import { Tool } from '../entities/tool.entity';

/** The achievement and tool catalogs: shipped by a migration, read once at start, never changed at run time. */
export class Catalog {
  private readonly achievementsByCode: Map<string, Achievement>;
  private readonly toolsByCode: Map<string, Tool>;

  constructor(
    readonly achievements: Achievement[],
    readonly tools: Tool[],
  ) {
    this.achievementsByCode = new Map(achievements.map((a) => [a.code, a]));
    this.toolsByCode = new Map(tools.map((t) => [t.code, t]));
  }

  static async load(db: Database): Promise<Catalog> {
    const [achievements, tools] = await Promise.all([
      db.manager.find(Achievement, { order: { sortOrder: 'ASC' } }),
      db.manager.find(Tool, { order: { sortOrder: 'ASC' } }),
    ]);
    return new Catalog(achievements, tools);
  }

  achievement(code: string): Achievement | undefined {
    return this.achievementsByCode.get(code);
  }

  tool(code: string): Tool | undefined {
    return this.toolsByCode.get(code);
  }
}
