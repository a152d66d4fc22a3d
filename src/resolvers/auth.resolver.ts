import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';

import { Public } from '../auth/default-deny';
import { PASSWORD_MIN } from '../auth/passwords';
import type { Context } from '../context';
import type { Credentials } from '../services/auth.service';
import type { UserView } from '../services/game-state.views';
import { LoginInput, RegisterInput } from './auth.inputs';
import { requireFound } from './found';
import { AuthPayload, User } from './user.types';

@Resolver(() => AuthPayload)
export class AuthResolver {
  @Public()
  @Mutation(() => AuthPayload, {
    description: `Creates an account (email, password of ${PASSWORD_MIN}+ characters, display name, IANA timezone).`,
  })
  register(@Arg('input', () => RegisterInput) input: RegisterInput, @Ctx() ctx: Context): Promise<Credentials> {
    return ctx.services.auth.register(ctx, input);
  }

  @Public()
  @Mutation(() => AuthPayload, { description: 'Signs in with email and password.' })
  login(@Arg('input', () => LoginInput) input: LoginInput, @Ctx() ctx: Context): Promise<Credentials> {
    return ctx.services.auth.login(ctx, input.email, input.password);
  }

  @Public()
  @Mutation(() => AuthPayload, {
    description: 'Exchanges a refresh token for new tokens. A reused refresh token revokes its whole session.',
  })
  refreshSession(@Arg('refreshToken', () => String) refreshToken: string, @Ctx() ctx: Context): Promise<Credentials> {
    return ctx.services.auth.refresh(ctx, refreshToken);
  }

  @Mutation(() => Boolean, { description: 'Ends the session the refresh token belongs to. False when it was not live.' })
  logout(@Arg('refreshToken', () => String) refreshToken: string, @Ctx() ctx: Context): Promise<boolean> {
    return ctx.services.auth.logout(ctx, refreshToken);
  }

  @FieldResolver(() => User, { description: 'The signed-in user (email included: it is their own).' })
  async user(@Root() credentials: Credentials, @Ctx() ctx: Context): Promise<UserView> {
    const user = requireFound(await ctx.loaders.user.load(credentials.userId), 'User');
    return { ...user, isViewer: true };
  }
}
