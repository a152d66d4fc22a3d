import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { RequestHandler } from 'express';
import {
  type DocumentNode,
  getOperationAST,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  Lexer,
  OperationTypeNode,
  parse,
  type SelectionNode,
  Source,
  specifiedRules,
  TokenKind,
  validate,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

import { DomainError, ErrorCode } from '../errors/domain-errors';
import { MAX_VARIABLES_DEPTH, nestedDeeperThan } from './variables-depth';

/** Bounds on one GraphQL document, enforced alike over HTTP and WebSocket. */
export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  /** graphql-armor's cost: objects 2, scalars 1, multiplied by 1.5 per level of depth. */
  maxCost: number;
  /** Hide "Did you mean …" hints that would map the schema for a stranger (production). */
  blockFieldSuggestions: boolean;
}

/** A document refused by a limit: a 400 over HTTP, an error message over WebSocket; never a 5xx. */
export const tooComplex = (message: string) => new DomainError(ErrorCode.QUERY_TOO_COMPLEX, message);

const SUGGESTION = /\s*Did you mean .+\?/g;

/** Removes "Did you mean …?" from a message when suggestions are blocked. */
export const withoutSuggestions = (message: string) => message.replace(SUGGESTION, '');

/** graphql-armor's depth, alias, directive and cost rules; each refusal is reported as QUERY_TOO_COMPLEX. */
export function limitRules(limits: QueryLimits): ValidationRule[] {
  const report = [
    (ctx: ValidationContext | null, error: GraphQLError) => ctx?.reportError(tooComplex(error.message.replace(/^Syntax Error: /, ''))),
  ];
  const common = { propagateOnRejection: false, onReject: report, exposeLimits: true };
  const { validationRules } = new ApolloArmor({
    maxDepth: { ...common, n: limits.maxDepth },
    maxAliases: { ...common, n: limits.maxAliases },
    maxDirectives: { ...common, n: limits.maxDirectives },
    costLimit: { ...common, maxCost: limits.maxCost },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return validationRules;
}

/** True when `source` has more than `max` tokens; counting stops at the limit (lexing errors are left to the parser). */
export function exceedsTokens(source: string, max: number): boolean {
  const lexer = new Lexer(new Source(source));
  try {
    for (let count = 0; lexer.advance().kind !== TokenKind.EOF;) {
      if (++count > max) return true;
    }
  } catch {
    return false;
  }
  return false;
}

const tokenError = (max: number) => tooComplex(`Token limit of ${max} exceeded.`);

/** The operation a request selects is a subscription (false when the document does not parse). */
function selectsSubscription(source: string, operationName: unknown): boolean {
  if (!source.includes('subscription')) return false;
  try {
    const operation = getOperationAST(parse(source), typeof operationName === 'string' ? operationName : undefined);
    return operation?.operation === OperationTypeNode.SUBSCRIPTION;
  } catch {
    return false;
  }
}

/** A request answered before Apollo sees it. */
export interface Refusal {
  status: number;
  code: string;
  message: string;
  /** The part of the request at fault, for BAD_USER_INPUT. */
  field?: string;
}

/** Variables as sent: an object, or (GET) its JSON text. */
function variablesTooDeep(variables: unknown): boolean {
  if (typeof variables === 'string') {
    try {
      return nestedDeeperThan(JSON.parse(variables), MAX_VARIABLES_DEPTH);
    } catch {
      return false;
    }
  }
  return nestedDeeperThan(variables, MAX_VARIABLES_DEPTH);
}

/** The JSON body of a refusal, GraphQL-shaped. */
export const refusalBody = (refusal: Refusal) =>
  JSON.stringify({
    errors: [{ message: refusal.message, extensions: { code: refusal.code, ...(refusal.field ? { field: refusal.field } : {}) } }],
  });

/** Documents that passed the token check lately: clients send the same few documents again and again. */
const ACCEPTED_LIMIT = 1_000;
const accepted = new Set<string>();

/**
 * Checks in front of Apollo, answering GraphQL-shaped 400s: a document with too many tokens is refused
 * before Apollo parses it (Apollo's parse hooks cannot answer with a 4xx); a subscription is sent to the
 * WebSocket (over HTTP Apollo would fail it as an internal error, and graphql-js's single-root-field rule
 * throws during validation on a bad `@skip` argument). Null when the request may go on.
 */
export function refuseBeforeApollo(limits: QueryLimits, query: unknown, operationName: unknown, variables?: unknown): Refusal | null {
  if (variablesTooDeep(variables)) {
    return {
      status: 400,
      code: ErrorCode.BAD_USER_INPUT,
      field: 'variables',
      message: `Variables may nest at most ${MAX_VARIABLES_DEPTH} levels deep.`,
    };
  }
  if (typeof query !== 'string') return null;
  if (!accepted.has(query)) {
    if (exceedsTokens(query, limits.maxTokens)) {
      return { status: 400, code: ErrorCode.QUERY_TOO_COMPLEX, message: tokenError(limits.maxTokens).message };
    }
    if (accepted.size >= ACCEPTED_LIMIT) accepted.clear();
    accepted.add(query);
  }
  if (selectsSubscription(query, operationName)) {
    return {
      status: 400,
      code: 'BAD_REQUEST',
      message: 'Subscriptions are served over WebSocket (graphql-ws) at /graphql, not over HTTP.',
    };
  }
  return null;
}

/** Checks a request's document before Apollo (`refuseBeforeApollo`, with whatever the caller adds). */
export type RefuseCheck = (query: unknown, operationName: unknown, variables?: unknown) => Refusal | null;

/** The same checks as Express middleware, for the requests Express still serves (GET, non-JSON bodies). */
export function refusalMiddleware(refuse: RefuseCheck): RequestHandler {
  return (req, res, next) => {
    // A browser opening the IDE (GET, HTML wanted) gets the landing page, whatever its ?query= holds.
    if (req.method === 'GET' && (req.headers.accept ?? '').includes('text/html')) return next();
    const body = req.body as { query?: unknown; operationName?: unknown; variables?: unknown } | undefined;
    const params = req.query as { query?: unknown; operationName?: unknown; variables?: unknown };
    const refusal = refuse(body?.query ?? params.query, body?.operationName ?? params.operationName, body?.variables ?? params.variables);
    if (!refusal) return next();
    res.status(refusal.status).type('application/json').send(refusalBody(refusal));
  };
}

/** Apollo's options for the limits: validation rules and a parser bound (a backstop behind refuseBeforeApollo). */
export function apolloLimitOptions(limits: QueryLimits) {
  return { validationRules: limitRules(limits), parseOptions: { maxTokens: limits.maxTokens + 1 } };
}

/** Apollo plugin: strips field suggestions from error messages (production). */
export const blockFieldSuggestionsPlugin = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ errors }: { errors: readonly GraphQLError[] }) {
        for (const error of errors) error.message = withoutSuggestions(error.message);
      },
    };
  },
};

/**
 * The spec forbids @skip/@include on a subscription's root selections; graphql-js 16 does not check it,
 * and a skipped root field makes its subscribe() throw a TypeError (graphql-ws then closes with 4500).
 */
const noConditionalSubscriptionRoot: ValidationRule = (context) => ({
  OperationDefinition(operation) {
    if (operation.operation !== OperationTypeNode.SUBSCRIPTION) return;
    const conditional = (selections: readonly SelectionNode[], seen: Set<string>): boolean =>
      selections.some((selection) => {
        if (selection.directives?.some((d) => d.name.value === 'skip' || d.name.value === 'include')) return true;
        if (selection.kind === Kind.INLINE_FRAGMENT) return conditional(selection.selectionSet.selections, seen);
        if (selection.kind !== Kind.FRAGMENT_SPREAD || seen.has(selection.name.value)) return false;
        seen.add(selection.name.value);
        const fragment = context.getFragment(selection.name.value);
        return fragment ? conditional(fragment.selectionSet.selections, seen) : false;
      });
    if (conditional(operation.selectionSet.selections, new Set())) {
      context.reportError(new GraphQLError('A subscription root field cannot be conditional (@skip or @include).', { nodes: operation }));
    }
  },
});

/**
 * Parses and validates a document for the WebSocket path with the same limits as HTTP (graphql-ws does
 * not run Apollo's rules). Every error carries a code: parse failures GRAPHQL_PARSE_FAILED, schema
 * violations GRAPHQL_VALIDATION_FAILED, limits QUERY_TOO_COMPLEX.
 */
export function checkDocument(
  schema: GraphQLSchema,
  source: string,
  limits: QueryLimits,
  rules = limitRules(limits),
): DocumentNode | GraphQLError[] {
  if (typeof source !== 'string') return [new GraphQLError('The query must be a string.', { extensions: { code: 'BAD_REQUEST' } })];
  if (exceedsTokens(source, limits.maxTokens)) return [tokenError(limits.maxTokens)];
  const clean = (message: string) => (limits.blockFieldSuggestions ? withoutSuggestions(message) : message);
  let document: DocumentNode;
  try {
    document = parse(source, { maxTokens: limits.maxTokens + 1 });
  } catch (err) {
    const message = err instanceof GraphQLError ? err.message : 'Invalid document.';
    return [new GraphQLError(clean(message), { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
  }
  let errors: readonly GraphQLError[];
  try {
    errors = validate(schema, document, [...specifiedRules, noConditionalSubscriptionRoot, ...rules]);
  } catch (err) {
    // graphql-js rules can throw instead of reporting (e.g. a bad @skip value on a subscription's root field).
    const message = err instanceof GraphQLError ? err.message : 'Invalid document.';
    return [new GraphQLError(clean(message), { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })];
  }
  if (errors.length === 0) return document;
  return errors.map((error) =>
    error instanceof DomainError ? error : new GraphQLError(clean(error.message), { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
  );
}
