import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

import { INVITE_TTL_DAYS, type Risk, RISK_HIGH_ADHERENCE, RISK_MEDIUM_ADHERENCE, RISK_QUIET_DAYS } from '../services/mentor.rules';
import { Inherited, MenteeField } from './reader-access';
import { DateTimeScalar, LocalDateScalar } from './scalars';

export enum RiskEnum {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
}
registerEnumType(RiskEnum, {
  name: 'Risk',
  description:
    `HIGH: no check-in in the last ${RISK_QUIET_DAYS} local days, or adherence7 < ${RISK_HIGH_ADHERENCE}. ` +
    `MEDIUM: adherence7 < ${RISK_MEDIUM_ADHERENCE}, or the streak is AT_RISK. LOW: otherwise.`,
});

@ObjectType({ description: 'A single-use code a mentee hands to a would-be mentor.' })
export class MentorInvite {
  @Field(() => String, { description: 'The code to pass to acceptMentorInvite (case, spaces and dashes do not matter). Shown once.' })
  code: string;

  @Field(() => DateTimeScalar, {
    description: `After this instant the code no longer works (${INVITE_TTL_DAYS} days after it was created).`,
  })
  expiresAt: Date;
}

@ObjectType({ description: "One local day of a mentee's 30-day chart." })
@Inherited()
export class MenteeDay {
  @Field(() => LocalDateScalar, { description: "The day, in the mentee's timezone." })
  date: string;

  @Field(() => Boolean, { description: 'Whether the mentee checked in that day.' })
  checkedIn: boolean;

  @Field(() => Int, { description: 'XP earned that day (sum of the ledger rows of that local day).' })
  xp: number;
}

@ObjectType({ description: "Someone you mentor, with their dashboard figures (each computed on the mentee's own local days)." })
export class Mentee {
  /** Resolved by MentorResolver through the user loader. */
  userId: string;

  @Field(() => DateTimeScalar, { description: 'When the mentoring link began.' })
  @MenteeField()
  since: Date;

  @Field(() => Float, { description: 'Days with a check-in among the last 7 local days (today included) / 7.' })
  @MenteeField()
  adherence7: number;

  @Field(() => Float, { description: 'Days with a check-in among the last 30 local days (today included) / 30.' })
  @MenteeField()
  adherence30: number;

  @Field(() => RiskEnum, { description: 'How likely the mentee is slipping (see Risk). The list is sorted HIGH first.' })
  @MenteeField()
  risk: Risk;

  @Field(() => Int, { description: 'The live streak: 0 when the streak is broken, even before the next check-in resets it.' })
  @MenteeField()
  currentStreak: number;

  @Field(() => Int, { description: 'The longest streak the mentee ever reached.' })
  @MenteeField()
  longestStreak: number;

  @Field(() => Int, { nullable: true, description: 'Local days since the last check-in (0: checked in today; null: never checked in).' })
  @MenteeField()
  daysSinceLastCheckIn: number | null;

  @Field(() => [MenteeDay], { description: 'The last 30 local days, oldest first, ending today: check-ins and XP per day.' })
  @MenteeField()
  series: MenteeDay[];
}

@ObjectType({ description: 'Someone who mentors you (they can read your data, never change it).' })
export class Mentor {
  @Field(() => ID, { description: "The mentor's user id: pass it to revokeMentor to end the link." })
  id: string;

  @Field(() => String, { description: "The mentor's display name." })
  displayName: string;

  @Field(() => DateTimeScalar, { description: 'When the mentoring link began.' })
  since: Date;
}
