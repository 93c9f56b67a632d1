import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { request, startFederation, type Answer, type Federation } from './stand-ins.js';

const CHINESE_FIRST = /^[\u4e00-\u9fff]/;

describe('a document the gateway cannot run as sent is the client’s mistake: 400, a code and a Chinese message', () => {
  let fed: Federation;
  beforeAll(async () => {
    fed = await startFederation();
  });
  afterAll(() => fed?.stop());
  beforeEach(() => fed.forget());

  const send = (body: Record<string, unknown>): Promise<Answer> =>
    request(fed.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  const refusedWith = (res: Answer, code: string) => {
    expect(res.status, res.text).toBe(400);
    expect(res.json.data).toBeUndefined();
    expect(res.json.errors[0].extensions.code).toBe(code);
    expect(res.json.errors[0].message).toMatch(CHINESE_FIRST);
    expect(fed.received()).toEqual([]);
  };

  it('an operationName the document does not hold, naming what it does hold', async () => {
    const res = await send({ query: 'query Towns { county(code: "140925") { name } }', operationName: 'Villages' });
    refusedWith(res, 'OPERATION_RESOLUTION_FAILURE');
    expect(res.json.errors[0].message).toContain('"Villages"');
    expect(res.json.errors[0].message).toContain('Towns');
    expect(res.json.errors[0].extensions.operationName).toBe('Villages');
  });

  it('two named operations and no operationName to choose between them', async () => {
    const res = await send({ query: 'query A { county(code: "140925") { name } } query B { county(code: "140925") { code } }' });
    refusedWith(res, 'OPERATION_RESOLUTION_FAILURE');
    expect(res.json.errors[0].message).toMatch(/operationName/);
  });

  it('two operations without names', async () => {
    const res = await send({ query: '{ county(code: "140925") { name } } { county(code: "140925") { code } }' });
    refusedWith(res, 'GRAPHQL_VALIDATION_FAILED');
    expect(res.json.errors[0].message).toMatch(/operationName/);
  });

  it('a subscription, which the gateway does not serve', async () => {
    const res = await send({ query: 'subscription { county(code: "140925") { name } }' });
    refusedWith(res, 'OPERATION_NOT_SUPPORTED');
    expect(res.json.errors[0].extensions.operation).toBe('subscription');
  });
});

describe('a level that cannot answer', () => {
  let fed: Federation;
  beforeAll(async () => {
    fed = await startFederation();
  });
  afterAll(() => fed?.stop());

  it('is named, in Chinese first, even when the failure is its own database’s and names no URL; its address is not shown', async () => {
    const res = await request(fed.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ ledger }' }) });
    const error = res.json.errors[0];
    expect(error.message).toBe('暂时无法连接县级系统，请稍后再试 / the county system is not answering right now; try again in a minute');
    expect(error.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', level: 'county' });
    expect(res.text).not.toMatch(/the a level|10\.20\.30\.40|3306/);
  });

  it('that has stopped is named the same way', async () => {
    await fed.township.stop();
    const res = await request(fed.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ township(code: "140925100") { name } }' }) });
    expect(res.json.errors[0].message).toBe('暂时无法连接乡镇系统，请稍后再试 / the township system is not answering right now; try again in a minute');
    expect(res.json.errors[0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', level: 'township' });
    expect(res.text).not.toContain(new URL(fed.township.url).port);
  });
});
