import { Arg, Ctx, ID, Mutation, Query, Resolver, Root, type SubscribeResolverData, Subscription } from 'type-graphql';

import type { Context } from '../../context';
import type { CoachChunkMessage } from '../../subscriptions/topics';
import { AskCoachInput, AskMentorCopilotInput } from './coach.inputs';
import { CoachChunk, CoachConversation, CoachMessage } from './coach.types';

/** Subscribes to the bus first, then reads the stored reply: a late subscriber gets the text so far, then the rest. */
const followReply = ({
  args,
  context,
}: SubscribeResolverData<unknown, { messageId: string }, Context>): Promise<AsyncIterable<CoachChunkMessage>> =>
  context.services.coachFollower.follow(context, args.messageId);

@Resolver()
export class CoachResolver {
  @Mutation(() => CoachMessage, {
    description: 'Asks the coach about your game. Returns the reply at once with status STREAMING; follow it with coachStream(messageId).',
  })
  askCoach(@Arg('input', () => AskCoachInput) input: AskCoachInput, @Ctx() ctx: Context) {
    return ctx.services.coachReplies.ask(ctx, input);
  }

  @Mutation(() => CoachMessage, {
    description:
      "A mentor's question about one active mentee, answered (streamed like askCoach) from the mentee's adherence, streaks, misses and notes.",
  })
  askMentorCopilot(@Arg('input', () => AskMentorCopilotInput) input: AskMentorCopilotInput, @Ctx() ctx: Context) {
    return ctx.services.coachReplies.askMentor(ctx, input);
  }

  @Mutation(() => CoachMessage, { description: 'Stops a streaming reply of yours: the text so far is kept and the reply ends CANCELLED.' })
  cancelCoachMessage(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.coachReplies.cancel(ctx, id);
  }

  @Query(() => CoachConversation, { description: 'A coach conversation, oldest message first: yours, or read-only for an active mentor.' })
  coachConversation(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.coachReads.conversation(ctx, id);
  }

  @Query(() => CoachMessage, { description: 'One coach message (its text so far while STREAMING).' })
  coachMessage(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.coachReads.message(ctx, id);
  }

  @Subscription(() => CoachChunk, {
    subscribe: followReply,
    description:
      'A coach reply as it streams. A late subscriber first gets everything streamed so far; the deltas add up to the final content.',
  })
  coachStream(@Root() chunk: CoachChunkMessage, @Arg('messageId', () => ID) _messageId: string): CoachChunkMessage {
    return chunk;
  }
}
