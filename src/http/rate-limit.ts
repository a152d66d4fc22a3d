import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, OperationTypeNode, valueFromASTUntyped, visit } from 'graphql';

import { rootFieldsOf } from '../auth/default-deny';
import type { Session } from '../auth/session';
import type { RateLimitConfig } from '../hardening.config';
import type { RateLimit, RateLimitStore } from '../rate-limits/rate-limit-store';

/** What the limits count a request by: the signed-in user, else the client's address. */
export interface RateLimitedCaller {
  session: Session;
  clientIp?: string;
}

/** Root fields of the mutation type that sign in: limited per account and per IP on top of the rest. */
const LOGIN_FIELD = 'login';

/** The emails of every `login` field in a document (inline or from variables). */
function loginEmails(document: DocumentNode, variables: Record<string, unknown> | undefined): string[] {
  const emails: string[] = [];
  visit(document, {
    Field(node) {
      if (node.name.value !== LOGIN_FIELD) return;
      const input = node.arguments?.find((arg) => arg.name.value === 'input');
      const value = input ? (valueFromASTUntyped(input.value, variables) as { email?: unknown } | null) : null;
      emails.push(typeof value?.email === 'string' ? value.email.trim().toLowerCase() : '');
    },
  });
  return emails;
}

/**
 * Request rate limits, checked once the operation is known: every request counts against its IP; queries
 * against the caller's read allowance (their size is bounded by the query cost), mutations against a
 * tighter one, one point per root field (per user, or per IP when anonymous); sign-in attempts against
 * the account and the IP. The coach has its own, tighter limit.
 */
export class RequestRateLimits {
  private readonly perIp: RateLimit;
  private readonly reads: RateLimit;
  private readonly mutations: RateLimit;
  private readonly loginPerAccount: RateLimit;
  private readonly loginPerIp: RateLimit;

  constructor(
    store: RateLimitStore,
    private readonly config: RateLimitConfig,
  ) {
    const { windowSeconds, login } = config;
    this.perIp = store.limiter('ip', config.perIp, windowSeconds);
    this.reads = store.limiter('reads', config.reads, windowSeconds);
    this.mutations = store.limiter('mutations', config.mutations, windowSeconds);
    this.loginPerAccount = store.limiter('login-account', login.perAccount, login.windowSeconds);
    this.loginPerIp = store.limiter('login-ip', login.perIp, login.windowSeconds);
  }

  plugin(): ApolloServerPlugin<RateLimitedCaller> {
    return {
      requestDidStart: async () => {
        if (!this.config.enabled) return;
        return {
          didResolveOperation: async ({ operation, document, request, contextValue }) => {
            if (!operation) return;
            // A mutation is charged per root field: fifteen aliased `register`s cost fifteen, not one.
            const fields = rootFieldsOf(document, operation).filter((name) => !name.startsWith('__')).length;
            await this.check(operation.operation, Math.max(1, fields), document, request.variables, contextValue);
          },
        };
      },
    };
  }

  private async check(
    type: OperationTypeNode,
    rootFields: number,
    document: DocumentNode,
    variables: Record<string, unknown> | undefined,
    ctx: RateLimitedCaller,
  ) {
    const ip = ctx.clientIp ?? 'unknown';
    const caller = ctx.session.userId ? `user:${ctx.session.userId}` : `ip:${ip}`;
    // The address and the caller are counted concurrently: with auto-pipelining, one write to Redis.
    const perCaller =
      type === OperationTypeNode.QUERY
        ? this.reads.consume(caller, 'queries')
        : type === OperationTypeNode.MUTATION
          ? this.mutations.consume(caller, 'mutations', rootFields)
          : undefined;
    await Promise.all([this.perIp.consume(ip, 'requests from this address'), perCaller]);
    if (type !== OperationTypeNode.MUTATION) return;
    for (const email of loginEmails(document, variables)) {
      await this.loginPerIp.consume(ip, 'sign-in attempts from this address');
      if (email) await this.loginPerAccount.consume(email, 'sign-in attempts for this account');
    }
  }
}
