/** The GraphQL endpoint over HTTP, same origin as the page (the API serves the dashboard). */
export const GRAPHQL_PATH = '/graphql';

interface GraphQLErrorShape {
  message: string;
  extensions?: { code?: string; field?: string };
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: GraphQLErrorShape[];
}

/** An error from the API (or the network), with the API's message kept verbatim for the screen. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** True when the server does not have this part of the schema yet (a feature not shipped). */
  get unavailable(): boolean {
    return this.code === 'GRAPHQL_VALIDATION_FAILED' && /Cannot query field|Unknown type|Unknown argument/.test(this.message);
  }

  static from(errors: readonly GraphQLErrorShape[] | readonly unknown[]): ApiError {
    const first = errors[0] as GraphQLErrorShape | undefined;
    const message = first?.message ?? 'Unknown error';
    const code = first?.extensions?.code ?? 'UNKNOWN';
    const field = first?.extensions?.field;
    return new ApiError(field && !message.includes(field) ? `${message} (${field})` : message, code);
  }
}

/** Sends one GraphQL request; resolves with data or rejects with an ApiError. */
export async function postGraphQL<T>(query: string, variables: Record<string, unknown> | undefined, token: string | null): Promise<T> {
  let res: Response;
  try {
    res = await fetch(GRAPHQL_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiError('The server cannot be reached. Retrying when it is back.', 'NETWORK');
  }
  let body: GraphQLResponse<T>;
  try {
    body = (await res.json()) as GraphQLResponse<T>;
  } catch {
    throw new ApiError(`The server answered ${res.status} ${res.statusText}`.trim(), res.status >= 500 ? 'NETWORK' : 'BAD_RESPONSE');
  }
  if (body.errors?.length) throw ApiError.from(body.errors);
  if (!body.data) throw new ApiError('The server returned no data', 'BAD_RESPONSE');
  return body.data;
}

/** What the server's schema offers, so panels for features not shipped yet can say so up front. */
export interface Capabilities {
  known: boolean;
  query: ReadonlySet<string>;
  mutation: ReadonlySet<string>;
  subscription: ReadonlySet<string>;
  user: ReadonlySet<string>;
}

const CAPABILITIES = `{ __schema {
  queryType { fields { name } } mutationType { fields { name } } subscriptionType { fields { name } }
  types { name fields { name } }
} }`;

interface SchemaShape {
  __schema: {
    queryType: { fields: { name: string }[] } | null;
    mutationType: { fields: { name: string }[] } | null;
    subscriptionType: { fields: { name: string }[] } | null;
    types: { name: string; fields: { name: string }[] | null }[];
  };
}

/** Reads the schema's root fields; when introspection is off, everything is assumed present. */
export async function loadCapabilities(): Promise<Capabilities> {
  try {
    const { __schema: s } = await postGraphQL<SchemaShape>(CAPABILITIES, undefined, null);
    const names = (t: { fields: { name: string }[] | null } | null | undefined) => new Set((t?.fields ?? []).map((f) => f.name));
    return {
      known: true,
      query: names(s.queryType),
      mutation: names(s.mutationType),
      subscription: names(s.subscriptionType),
      user: names(s.types.find((t) => t.name === 'User')),
    };
  } catch {
    return { known: false, query: new Set(), mutation: new Set(), subscription: new Set(), user: new Set() };
  }
}

/** True when the capability is known to exist, or when nothing is known (then the call itself will tell). */
export function has(caps: Capabilities, kind: 'query' | 'mutation' | 'subscription' | 'user', name: string): boolean {
  return !caps.known || caps[kind].has(name);
}
