import type { ApolloServerPlugin } from '@apollo/server';

import type { Context } from '../context';
import { DomainError } from '../errors/domain-errors';
import { errorCodeOf } from './response-status';

const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';
const JSON_TYPE = 'application/json';

/** Request errors that the GraphQL-over-HTTP spec answers with 200 under `application/json`. */
const WELL_FORMED_REQUEST_ERRORS = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** The quality an Accept header gives a media type: its most specific matching range (exact, type wildcard, any), 0 if none. */
function quality(accept: string, mediaType: string): number {
  const [type] = mediaType.split('/');
  let best = { specificity: -1, q: 0 };
  for (const part of accept.split(',')) {
    const [range, ...params] = part.trim().toLowerCase().split(';');
    const specificity = range === mediaType ? 2 : range === `${type}/*` ? 1 : range === '*/*' ? 0 : -1;
    if (specificity <= best.specificity) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    best = { specificity, q: Number.isFinite(q) ? q : 0 };
  }
  return best.q;
}

/** True when the Accept header names `application/graphql-response+json` and takes it at least as gladly as JSON. */
export function prefersGraphqlResponseJson(accept: string | undefined): boolean {
  if (!accept?.toLowerCase().includes(GRAPHQL_RESPONSE_JSON)) return false;
  const modern = quality(accept, GRAPHQL_RESPONSE_JSON);
  return modern > 0 && modern >= quality(accept, JSON_TYPE);
}

/**
 * GraphQL over HTTP (graphql.github.io/graphql-over-http): answers in `application/graphql-response+json`
 * whenever the client accepts it as well as JSON (Apollo would pick `application/json` on a tie); under
 * legacy `application/json`, a parse, validation or variable-coercion failure is a 200 (the spec's
 * SHOULD), while the new media type keeps its 400. The app's own refusals (a `DomainError`: limits,
 * rate limits, authentication, a malformed Idempotency-Key) keep the status they chose.
 */
export const graphqlOverHttpPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart({ request }) {
    const accept = request.http?.headers.get('accept');
    const modern = prefersGraphqlResponseJson(accept);
    let refusedByApp = false;
    return {
      async didEncounterErrors({ errors }) {
        refusedByApp ||= errors.some((error) => error instanceof DomainError || error.originalError instanceof DomainError);
      },
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        if (modern) {
          response.http.headers.set('content-type', `${GRAPHQL_RESPONSE_JSON}; charset=utf-8`);
          return;
        }
        const { data, errors } = response.body.singleResult;
        if (refusedByApp || data !== undefined || !errors?.length || response.http.status !== 400) return;
        if (errors.every((error) => WELL_FORMED_REQUEST_ERRORS.has(errorCodeOf(error)))) response.http.status = 200;
      },
    };
  },
};
