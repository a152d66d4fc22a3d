import type { ApolloServerPlugin } from '@apollo/server';

import { fieldsNeedingSession } from './auth/default-deny';
import type { Session } from './auth/session';
import { statementsSoFar } from './db/statement-counter';
import { unauthenticated } from './errors/domain-errors';

/** Default-deny: an operation with any non-@Public root field needs a signed-in caller. */
export const defaultDenyPlugin: ApolloServerPlugin<{ session: Session }> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, document, schema, contextValue }) {
        if (contextValue.session.isAuthenticated || !operation) return;
        const guarded = fieldsNeedingSession(schema, document, operation);
        if (guarded.length > 0) throw unauthenticated(`Sign in first: ${guarded.join(', ')} needs Authorization: Bearer <accessToken>.`);
      },
    };
  },
};

/** Adds `extensions.sqlStatements` to each response (test and benchmark runs only). */
export const statementCountPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind === 'single') {
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, sqlStatements: statementsSoFar() };
        }
      },
    };
  },
};
