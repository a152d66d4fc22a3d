import { randomUUID } from 'node:crypto';

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
  extensions?: Record<string, any>;
}

/** A GraphQL client for one caller (optionally signed in) against a test server. */
export class TestClient {
  constructor(
    readonly graphqlUrl: string,
    public accessToken?: string,
  ) {}

  /** Sends a request and returns the raw GraphQL response (errors included). */
  async raw<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): Promise<GraphQLResponse<T>> {
    const res = await fetch(this.graphqlUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.accessToken ? { authorization: `Bearer ${this.accessToken}` } : {}),
        ...headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GraphQLResponse<T>;
  }

  /** Sends a request that must succeed; on errors it fails printing the whole request and response. */
  async ok<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const response = await this.raw<T>(query, variables);
    if (response.errors?.length || !response.data) {
      throw new Error(
        `GraphQL request failed\nquery: ${query}\nvariables: ${JSON.stringify(variables)}\nresponse: ${JSON.stringify(response, null, 2)}`,
      );
    }
    return response.data;
  }

  /** Sends a request that must fail with `code`; returns the first error. */
  async fails(code: string, query: string, variables?: Record<string, unknown>) {
    const response = await this.raw(query, variables);
    const error = response.errors?.[0];
    if (error?.extensions?.code !== code) {
      throw new Error(
        `Expected ${code}\nquery: ${query}\nvariables: ${JSON.stringify(variables)}\nresponse: ${JSON.stringify(response, null, 2)}`,
      );
    }
    return error;
  }
}

export interface Player {
  client: TestClient;
  id: string;
  email: string;
  password: string;
  refreshToken: string;
}

const REGISTER = `mutation Register($input: RegisterInput!) {
  register(input: $input) { accessToken refreshToken user { id email } }
}`;

/** Registers a fresh user (unique email) and returns a client signed in as them. */
export async function newPlayer(graphqlUrl: string, options: { timezone?: string; displayName?: string } = {}): Promise<Player> {
  const email = `player-${randomUUID()}@example.test`;
  const password = 'correct horse battery';
  const anonymous = new TestClient(graphqlUrl);
  const data = await anonymous.ok(REGISTER, {
    input: { email, password, displayName: options.displayName ?? 'Test Player', timezone: options.timezone ?? 'UTC' },
  });
  const client = new TestClient(graphqlUrl, data.register.accessToken);
  return { client, id: data.register.user.id, email, password, refreshToken: data.register.refreshToken };
}
