import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

import { DateTimeScalar } from '../../resolvers/scalars';

export enum CoachStatusEnum {
  STREAMING = 'STREAMING',
  COMPLETE = 'COMPLETE',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(CoachStatusEnum, {
  name: 'CoachStatus',
  description:
    'STREAMING: still being written. COMPLETE: finished. FAILED: the provider failed or timed out (text so far kept). CANCELLED: stopped by its owner.',
});

@ObjectType({ description: 'One message of a coach conversation.' })
export class CoachMessage {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { description: 'The conversation it belongs to.' })
  conversationId: string;

  @Field(() => String, { description: '"user" or "assistant".' })
  role: string;

  @Field(() => String, { description: 'The text so far (the whole text once finished).' })
  content: string;

  @Field(() => CoachStatusEnum)
  status: CoachStatusEnum;

  @Field(() => String, { description: 'Who wrote the reply: "openai" (or a compatible server) or "offline" (the rule-based coach).' })
  provider: string;

  @Field(() => Int, { description: 'Prompt tokens spent on this reply (from the provider, or estimated at ~4 characters per token).' })
  tokensIn: number;

  @Field(() => Int, { description: 'Reply tokens (from the provider, or estimated).' })
  tokensOut: number;

  @Field(() => Boolean, { description: 'True when the token counts are estimates rather than reported by the provider.' })
  tokensEstimated: boolean;

  @Field(() => String, { nullable: true, description: 'Why the reply FAILED.' })
  error: string | null;

  @Field(() => DateTimeScalar)
  createdAt: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the reply stopped streaming.' })
  finishedAt: Date | null;
}

@ObjectType({ description: 'A piece of a streamed coach reply. The deltas of a stream add up to the final content.' })
export class CoachChunk {
  @Field(() => ID)
  messageId: string;

  @Field(() => Int, { description: 'Position in the stream, from 0 (the first chunk of a late subscriber carries the text so far).' })
  seq: number;

  @Field(() => String, { description: 'Text added by this chunk.' })
  delta: string;

  @Field(() => Boolean, { description: 'True on the last chunk.' })
  done: boolean;

  @Field(() => String, { nullable: true, description: 'The whole text, on the last chunk.' })
  content?: string | null;

  @Field(() => CoachStatusEnum, { nullable: true, description: 'The status after this chunk; final on the last one.' })
  status?: CoachStatusEnum | null;

  @Field(() => String, { nullable: true, description: 'Why the stream failed, on a last chunk with status FAILED.' })
  error?: string | null;
}

@ObjectType({ description: 'A conversation with the coach.' })
export class CoachConversation {
  @Field(() => ID)
  id: string;

  @Field(() => String, { description: 'CHAT, ONBOARDING, ROADMAP (about one roadmap) or MENTOR (a mentor asking about one mentee).' })
  kind: string;

  @Field(() => DateTimeScalar)
  createdAt: Date;

  @Field(() => [CoachMessage], { description: 'Oldest first.' })
  messages: CoachMessage[];
}
