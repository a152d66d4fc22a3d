import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';

import type { Context } from '../context';
import { signed } from '../graphql/signed-number';
import type { GameStateView } from '../services/game-state.views';
import { REFLECTION_MAX, REFLECTION_MIN } from '../services/recovery.rules';
import { SPRINT_MAX_MINUTES, SPRINT_MIN_ENERGY, SPRINT_MIN_MINUTES } from '../services/sprint.rules';
import { INVENTORY_CAP } from '../services/tool.rules';
import {
  CHECK_IN_BASE_XP,
  CHECK_IN_STREAK_BONUS_CAP,
  checkInVitals,
  INTENTION_XP,
  intentionVitals,
  RECOVERY_XP,
  recoveryVitals,
} from '../services/xp.rules';
import { actionPayload, freshGameState } from './current-game-state';
import { CheckInInput, DailyIntentionInput, StartSprintInput } from './game.inputs';
import { ActionPayload, CheckInPayload, DailyIntention, GameState, RecoveryQuest, Sprint } from './game.types';

@Resolver()
export class GameActionsResolver {
  @Mutation(() => CheckInPayload, {
    description:
      `Checks in for your local day: XP ${CHECK_IN_BASE_XP} + min(streak, ${CHECK_IN_STREAK_BONUS_CAP}), ` +
      `energy ${signed(checkInVitals.energy)}, fatigue ${signed(checkInVitals.fatigue)}, loyalty ${signed(checkInVitals.loyalty)}.`,
  })
  async checkIn(@Arg('input', () => CheckInInput, { nullable: true }) input: CheckInInput | null, @Ctx() ctx: Context) {
    const outcome = await ctx.services.checkIns.checkIn(ctx, input ?? {});
    return { ...(await actionPayload(ctx, outcome)), checkIn: outcome.value };
  }

  @Mutation(() => DailyIntention, { description: "Sets today's one intention (once per local day)." })
  setDailyIntention(@Arg('input', () => DailyIntentionInput) input: DailyIntentionInput, @Ctx() ctx: Context) {
    return ctx.services.intentions.set(ctx, input);
  }

  @Mutation(() => ActionPayload, {
    description: `Completes today's intention: ${INTENTION_XP} XP, clarity ${signed(intentionVitals.clarity)}, loyalty ${signed(intentionVitals.loyalty)}.`,
  })
  async completeDailyIntention(@Ctx() ctx: Context) {
    return actionPayload(ctx, await ctx.services.intentions.complete(ctx));
  }

  @Mutation(() => Sprint, {
    description: `Starts a sprint (${SPRINT_MIN_MINUTES}..${SPRINT_MAX_MINUTES} minutes; one at a time; needs energy ≥ ${SPRINT_MIN_ENERGY}).`,
  })
  startSprint(@Arg('input', () => StartSprintInput) input: StartSprintInput, @Ctx() ctx: Context) {
    return ctx.services.sprints.start(ctx, input);
  }

  @Mutation(() => ActionPayload, { description: 'Completes a sprint once its planned minutes have passed: XP = plannedMinutes.' })
  async completeSprint(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return actionPayload(ctx, await ctx.services.sprints.complete(ctx, id));
  }

  @Mutation(() => Sprint, { description: 'Abandons the running sprint (no XP, no penalty).' })
  abandonSprint(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.sprints.abandon(ctx, id);
  }

  @Mutation(() => RecoveryQuest, { description: 'Starts the recovery quest of a broken streak and returns its reflection prompt.' })
  startRecoveryQuest(@Ctx() ctx: Context) {
    return ctx.services.recovery.start(ctx);
  }

  @Mutation(() => ActionPayload, {
    description:
      `Completes the recovery quest with a reflection (${REFLECTION_MIN}..${REFLECTION_MAX} characters): ` +
      `repairs the break, ${RECOVERY_XP} XP, resilience ${signed(recoveryVitals.resilience)}.`,
  })
  async completeRecoveryQuest(@Arg('reflection', () => String) reflection: string, @Ctx() ctx: Context) {
    return actionPayload(ctx, await ctx.services.recovery.complete(ctx, reflection));
  }

  @Mutation(() => ActionPayload, { description: "Claims an unlocked achievement's reward XP (once)." })
  async claimAchievement(@Arg('code', () => String) code: string, @Ctx() ctx: Context) {
    return actionPayload(ctx, await ctx.services.achievements.claim(ctx, code));
  }

  @Mutation(() => GameState, { description: `Buys a tool with loyalty (inventory holds at most ${INVENTORY_CAP} items).` })
  async buyTool(@Arg('code', () => String) code: string, @Ctx() ctx: Context): Promise<GameStateView> {
    await ctx.services.tools.buy(ctx, code);
    return freshGameState(ctx);
  }

  @Mutation(() => GameState, { description: 'Uses a tool from the inventory: applies its effect and removes it.' })
  async useTool(@Arg('code', () => String) code: string, @Ctx() ctx: Context): Promise<GameStateView> {
    await ctx.services.tools.use(ctx, code);
    return freshGameState(ctx);
  }
}
