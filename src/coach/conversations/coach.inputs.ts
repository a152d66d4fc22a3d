import { IsOptional, IsString, IsUUID } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'A message for the coach.' })
export class AskCoachInput {
  @Field(() => String, { description: 'Your message (at most COACH_MAX_MESSAGE_CHARS characters, 2000 by default).' })
  @IsString()
  message: string;

  @Field(() => ID, { nullable: true, description: 'Continue this conversation of yours; a new one starts when omitted.' })
  @IsOptional()
  @IsUUID()
  conversationId?: string | null;
}

@InputType({ description: "A mentor's question about one mentee." })
export class AskMentorCopilotInput {
  @Field(() => ID, { description: 'An active mentee of yours (or yourself).' })
  @IsUUID()
  menteeId: string;

  @Field(() => String, { description: 'Your question.' })
  @IsString()
  question: string;
}
