import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  body?: string;
  headers?: Record<string, string>;
  /** Every response must equal this body (mismatches are counted as errors). */
  expectBody?: string;
  /** Requests per second across all connections (open-loop latency test). */
  overallRate?: number;
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

/** One autocannon run; a response that is not 2xx or differs from `expectBody` counts as an error. */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    body: options.body,
    expectBody: options.expectBody,
    overallRate: options.overallRate,
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + (result.mismatches ?? 0) + result.timeouts,
  };
}
