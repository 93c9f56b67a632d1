import http from 'node:http';
import https from 'node:https';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';

// The fetcher type Apollo's data source takes, without depending on its utility package directly.
type Fetcher = NonNullable<NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher']>;
type FetcherRequestInit = NonNullable<Parameters<Fetcher>[1]>;

/**
 * The gateway's HTTP client to the subgraphs: plain `node:http` over kept-alive sockets. Apollo's default
 * (make-fetch-happen) spends about 2 ms of CPU per subgraph fetch — mostly building an `Error().stack` per
 * request in its agent — which was the largest single cost of a one-row query through the gateway
 * (../shared/PERF-NOTES.md). Subgraph answers are small JSON documents; nothing here needs caching,
 * redirects or retries (the gateway's own query plan is the retry policy: none).
 *
 * A failure to connect reads like make-fetch-happen's ("request to <url> failed, reason: …"), which the
 * gateway's error formatting turns into "the <level> system is not answering".
 */
export function subgraphFetcher(options: { timeoutMs?: number; maxSockets?: number } = {}): Fetcher & { close(): void } {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 64 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 64 }),
  };
  const fetcher = (url: string, init: FetcherRequestInit = {}) =>
    new Promise<Response>((resolve, reject) => {
      const target = new URL(url);
      const client = target.protocol === 'https:' ? https : http;
      const agent = agents[target.protocol as 'http:' | 'https:'];
      if (!agent) return reject(new Error(`request to ${url} failed, reason: unsupported protocol ${target.protocol}`));
      const req = client.request(target, { method: init.method ?? 'GET', headers: init.headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => reject(failed(url, e)));
        res.on('end', () => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
          }
          // 204/304 carry no body; a Response refuses one for them.
          const body = res.statusCode === 204 || res.statusCode === 304 ? null : Buffer.concat(chunks);
          resolve(new Response(body, { status: res.statusCode ?? 500, statusText: res.statusMessage ?? '', headers }));
        });
      });
      req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error(`timed out after ${timeoutMs} ms`), { code: 'ETIMEDOUT' })));
      req.on('error', (e) => reject(failed(url, e)));
      req.end(init.body);
    });
  return Object.assign(fetcher as unknown as Fetcher, {
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  });
}

function failed(url: string, cause: Error & { code?: string }): Error {
  return Object.assign(new Error(`request to ${url} failed, reason: ${cause.message}`), { code: cause.code, type: 'system' });
}
