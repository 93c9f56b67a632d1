import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestFederation, type TestFederation } from '@scf/federation/testing';

describe('the gateway', () => {
  let fed: TestFederation;
  beforeAll(async () => {
    fed = await startTestFederation();
  });
  afterAll(() => fed?.close());

  const health = () => fetch(fed.gateway.url.replace('/graphql', '/health'));

  it('reports healthy when every subgraph answers', async () => {
    const res = await health();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', subgraphs: { county: 'up', township: 'up', village: 'up' } });
  });

  it('compresses its answers for clients on slow links', async () => {
    await fed.seed('140925');
    const res = await fetch(fed.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip' },
      body: JSON.stringify({ query: '{ county(code: "140925") { townships { code name villages { code name } } } }' }),
    });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(((await res.json()) as any).data.county.townships).toHaveLength(14);
  });

  it('serves no landing page that would load Apollo Sandbox from an outside CDN', async () => {
    const res = await fetch(fed.gateway.url, { headers: { accept: 'text/html' } });
    const body = await res.text();
    expect(body).not.toMatch(/apollographql\.com|cdn\./i);
  });

  it('reports a stopped subgraph as down, and says which', async () => {
    await fed.village.stop();
    const res = await health();
    expect(res.status).toBe(503);
    const body = (await res.json()) as { status: string; subgraphs: Record<string, string> };
    expect(body.status).toBe('degraded');
    expect(body.subgraphs.county).toBe('up');
    expect(body.subgraphs.village).toMatch(/^down/);
  });
});

describe('errors the gateway passes on', () => {
  let fed: TestFederation;
  beforeAll(async () => {
    fed = await startTestFederation();
  });
  afterAll(() => fed?.close());

  it('carry the code and message, never a stack trace', async () => {
    const { errors } = await fed.query(`{ county(code: "abc") { code } }`);
    expect(errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(errors)).not.toMatch(/stacktrace|node_modules|\.ts:\d+/);
  });
});
