import type { Achievement } from '../entities/achievement.entity';
import { UserAchievement } from '../entities/user-achievement.entity';
import { ErrorCode, notFound, ruleBroken } from '../errors/domain-errors';
import type { Scope } from '../lib/scope';
import type { Catalog } from './catalog.service';
import type { ActionOutcome, GameActionRunner } from './game-action';
import { achievementXp } from './xp.rules';

export class AchievementService {
  constructor(
    private readonly actions: GameActionRunner,
    private readonly catalog: Catalog,
  ) {}

  /** Claims an unlocked achievement once, paying its reward XP. */
  claim(scope: Scope, code: string): Promise<ActionOutcome<Achievement>> {
    const achievement = this.catalog.achievement(code);
    if (!achievement) throw notFound(`Achievement ${code}`);
    return this.actions.run(scope, async (game) => {
      const claimed = await game.tx
        .createQueryBuilder()
        .update(UserAchievement)
        .set({ claimedAt: game.now })
        .where('user_id = :userId AND achievement_code = :code AND claimed_at IS NULL', { userId: game.userId, code })
        .execute();
      if (!claimed.affected) {
        const unlocked = await game.tx.existsBy(UserAchievement, { userId: game.userId, achievementCode: code });
        throw unlocked
          ? ruleBroken(ErrorCode.ALREADY_CLAIMED, `${achievement.name} was already claimed.`)
          : ruleBroken(ErrorCode.ACHIEVEMENT_LOCKED, `${achievement.name} is not unlocked yet: ${achievement.description}`);
      }
      game.emit({ type: 'ACHIEVEMENT_CLAIMED', payload: { code } });
      await game.grantXp('ACHIEVEMENT', code, achievementXp(code, achievement.rewardXp));
      return achievement;
    });
  }
}
