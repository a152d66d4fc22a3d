import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, type DocumentNode, visit } from 'graphql';

import type { Session } from '../auth/session';
import { unauthenticated } from '../errors/domain-errors';

/** Who may introspect the schema: everyone, signed-in callers only, or no one (GRAPHQL_INTROSPECTION). */
export type IntrospectionPolicy = 'on' | 'signed-in' | 'off';

/** True when the document asks for `__schema` or `__type` (`__typename` is not introspection). */
export function introspects(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value !== '__schema' && node.name.value !== '__type') return undefined;
      found = true;
      return BREAK;
    },
  });
  return found;
}

/**
 * `signed-in`: introspection needs a valid access token (the default in production: a stranger gets no
 * map of the schema, a mentor in the IDE with their token does). `off` is Apollo's own switch.
 */
export const introspectionPlugin = (policy: IntrospectionPolicy): ApolloServerPlugin<{ session: Session }> => ({
  async requestDidStart() {
    if (policy !== 'signed-in') return;
    return {
      async didResolveOperation({ document, contextValue }) {
        if (!contextValue.session.isAuthenticated && introspects(document)) {
          throw unauthenticated('Introspection needs a signed-in caller here: send Authorization: Bearer <accessToken>.');
        }
      },
    };
  },
});
