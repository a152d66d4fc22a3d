import { Field, ID, ObjectType } from 'type-graphql';

import { Access, UserField } from './reader-access';
import { DateTimeScalar } from './scalars';

@ObjectType({ description: 'A person playing Xecution.' })
export class User {
  @Field(() => ID)
  @UserField(Access.READER)
  id: string;

  @Field(() => String)
  @UserField(Access.READER)
  displayName: string;

  @Field(() => String, { description: "IANA timezone that defines the user's day." })
  @UserField(Access.READER)
  timezone: string;

  @Field(() => DateTimeScalar)
  @UserField(Access.READER)
  createdAt: Date;

  @Field(() => String, { nullable: true, description: 'Visible to the user themself only.' })
  @UserField(Access.SELF)
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
