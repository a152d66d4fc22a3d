import { GraphQLError } from 'graphql';

/** Every error code a client may see in `extensions.code`. */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  ALREADY_CHECKED_IN: 'ALREADY_CHECKED_IN',
  INTENTION_ALREADY_SET: 'INTENTION_ALREADY_SET',
  INTENTION_ALREADY_COMPLETED: 'INTENTION_ALREADY_COMPLETED',
  NO_INTENTION: 'NO_INTENTION',
  SPRINT_ALREADY_RUNNING: 'SPRINT_ALREADY_RUNNING',
  SPRINT_NOT_RUNNING: 'SPRINT_NOT_RUNNING',
  SPRINT_NOT_FINISHED: 'SPRINT_NOT_FINISHED',
  LOW_ENERGY: 'LOW_ENERGY',
  INSUFFICIENT_LOYALTY: 'INSUFFICIENT_LOYALTY',
  INVENTORY_FULL: 'INVENTORY_FULL',
  NOT_IN_INVENTORY: 'NOT_IN_INVENTORY',
  TOOL_NOT_USABLE: 'TOOL_NOT_USABLE',
  ACHIEVEMENT_LOCKED: 'ACHIEVEMENT_LOCKED',
  ALREADY_CLAIMED: 'ALREADY_CLAIMED',
  NO_RECOVERY_QUEST: 'NO_RECOVERY_QUEST',
  RATE_LIMITED: 'RATE_LIMITED',
  COACH_UNAVAILABLE: 'COACH_UNAVAILABLE',
  ROADMAP_INVALID: 'ROADMAP_INVALID',
  TASK_ALREADY_COMPLETED: 'TASK_ALREADY_COMPLETED',
  TASK_NOT_COMPLETED: 'TASK_NOT_COMPLETED',
  ONBOARDING_FINISHED: 'ONBOARDING_FINISHED',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  IDEMPOTENCY_IN_PROGRESS: 'IDEMPOTENCY_IN_PROGRESS',
  INVITE_EXPIRED: 'INVITE_EXPIRED',
  INVITE_USED: 'INVITE_USED',
  CANNOT_MENTOR_SELF: 'CANNOT_MENTOR_SELF',
  ALREADY_MENTORING: 'ALREADY_MENTORING',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** An error the client caused or a rule refused: safe to show, with a stable code. */
export class DomainError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    extra: Record<string, unknown> = {},
  ) {
    super(message, { extensions: { code, ...extra } });
  }
}

export const unauthenticated = (message = 'Sign in first: send Authorization: Bearer <accessToken>.') =>
  new DomainError(ErrorCode.UNAUTHENTICATED, message);

/** Says nothing about whether the thing exists. */
export const forbidden = (message = 'You do not have access to this.') => new DomainError(ErrorCode.FORBIDDEN, message);

export const notFound = (what: string) => new DomainError(ErrorCode.NOT_FOUND, `${what} was not found.`);

/** Bad input, naming the field at fault (a dotted path such as `input.password`). */
export const badInput = (field: string, message: string) => new DomainError(ErrorCode.BAD_USER_INPUT, message, { field });

export const ruleBroken = (code: ErrorCode, message: string, extra: Record<string, unknown> = {}) => new DomainError(code, message, extra);
