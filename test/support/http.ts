export interface HttpResult {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

/** POSTs a JSON body (or a raw string) to a URL and returns status, headers and parsed body. */
export async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<HttpResult> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: any;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

/** POSTs a GraphQL request, optionally signed in. */
export function gql(
  graphqlUrl: string,
  query: string,
  variables?: Record<string, unknown>,
  options: { token?: string; headers?: Record<string, string> } = {},
): Promise<HttpResult> {
  return post(
    graphqlUrl,
    { query, variables },
    { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers },
  );
}
