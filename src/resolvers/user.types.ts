import { Field, ID, ObjectType } from 'type-graphql';

import { DateTimeScalar } from './scalars';

@ObjectType({ description: 'A person playing Xecution.' })
export class User {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  displayName: string;

  @Field(() => String, { description: "IANA timezone that defines the user's day." })
  timezone: string;

  @Field(() => DateTimeScalar)
  createdAt: Date;

  /** Resolved by UserResolver: visible to the user themself only. */
  email: string;
}

@ObjectType({ description: 'Tokens for a signed-in session.' })
export class AuthPayload {
  @Field(() => String, { description: 'Short-lived JWT: send as Authorization: Bearer <accessToken>.' })
  accessToken: string;

  @Field(() => String, { description: 'Opaque; exchange it with refreshSession. Rotated on every use.' })
  refreshToken: string;

  @Field(() => User)
  user: User;
}
