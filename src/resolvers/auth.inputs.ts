import { IsEmail, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';

import { PASSWORD_MAX, PASSWORD_MIN } from '../auth/passwords';

@InputType({ description: 'A new account.' })
export class RegisterInput {
  @Field(() => String)
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email: string;

  @Field(() => String, { description: `At least ${PASSWORD_MIN} characters.` })
  @IsString()
  @Length(PASSWORD_MIN, PASSWORD_MAX, { message: `password must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters` })
  password: string;

  @Field(() => String)
  @IsString()
  @Length(1, 80, { message: 'displayName must be 1 to 80 characters' })
  displayName: string;

  @Field(() => String, { defaultValue: 'UTC', description: "IANA timezone, e.g. Europe/Paris. Defines the user's day." })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timezone: string;
}

@InputType({ description: 'Email and password.' })
export class LoginInput {
  @Field(() => String)
  @IsString()
  @MaxLength(254)
  email: string;

  @Field(() => String)
  @IsString()
  @MaxLength(PASSWORD_MAX)
  password: string;
}
