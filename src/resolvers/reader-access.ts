import { Extensions, type MiddlewareFn, UseMiddleware } from 'type-graphql';

import type { Context } from '../context';
import { forbidden } from '../errors/domain-errors';
import type { UserView } from '../services/game-state.views';
import type { MenteeView } from '../services/mentor.views';

/**
 * Who may read a field of a user's data. Every field of `User` and `Mentee` declares one (its `access`
 * extension) and is checked on the field itself, whatever path led to it; types reachable only through
 * those fields declare `INHERITED`. `test/api/reader-access.test.ts` walks the schema to keep it so.
 */
export enum Access {
  /** The caller is the user or an active mentor of theirs; or the user signed in by this very auth mutation. */
  READER = 'READER',
  /** The signed-in caller is the user or an active mentor (history reads go by the session alone). */
  SESSION_READER = 'SESSION_READER',
  /** The user themself only (a sign-in included); anyone else, mentors too, reads null. */
  SELF = 'SELF',
  /** A value inside a field of `User` or `Mentee`: readable by whoever that field let through. */
  INHERITED = 'INHERITED',
}

/** The name of the field and type extension that declares the rule. */
export const ACCESS_EXTENSION = 'access';

/**
 * FORBIDDEN unless the signed-in caller may read `userId` (themself or an active mentor), with no hint
 * whether the user exists. Batched and cached through the request's `readable` loader: every field of a
 * list of users costs one statement in all.
 */
export async function requireReader(ctx: Context, userId: string): Promise<void> {
  const viewerId = ctx.session.requireUserId();
  if (!(await ctx.loaders.readable.load({ viewerId, userId }))) throw forbidden();
}

/** Whom an object belongs to: the user's id, and whether the caller signed in as them in this response. */
interface Owner {
  id: string;
  isViewer?: boolean;
}

type FieldRule = Access.READER | Access.SESSION_READER | Access.SELF;

/** The guard of one rule: resolves the field, or refuses (the reader rules) or answers null (SELF). */
function guard(rule: FieldRule, ownerOf: (root: never) => Owner): MiddlewareFn<Context> {
  return async ({ root, context }, next): Promise<unknown> => {
    const owner = ownerOf(root as never);
    if (rule === Access.SELF) return owner.isViewer || context.session.userId === owner.id ? next() : null;
    if (!(rule === Access.READER && owner.isViewer)) await requireReader(context, owner.id);
    return next();
  };
}

/** Declares `rule` on a field and enforces it there. */
function guarded(rule: FieldRule, ownerOf: (root: never) => Owner): MethodDecorator & PropertyDecorator {
  const declare = Extensions({ [ACCESS_EXTENSION]: rule });
  const enforce = UseMiddleware(guard(rule, ownerOf));
  return (target: object, key: string | symbol, descriptor?: PropertyDescriptor) => {
    declare(target, key, descriptor as PropertyDescriptor);
    enforce(target, key, descriptor as PropertyDescriptor);
  };
}

/** A field of `User`, under `rule`. */
export const UserField = (rule: FieldRule) => guarded(rule, (user: UserView) => ({ id: user.id, isViewer: user.isViewer }));

/** A field of `Mentee`: the mentor reads their mentee's figures. */
export const MenteeField = () => guarded(Access.READER, (mentee: MenteeView) => ({ id: mentee.userId }));

/** A type reachable only through fields of `User` or `Mentee`: readable by whoever those fields let through. */
export const Inherited = () => Extensions({ [ACCESS_EXTENSION]: Access.INHERITED });
