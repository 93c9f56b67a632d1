import { afterEach, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/knex';
import { createRelay, handoverHeaders, handoverSecretFromEnv, OUTBOX, type OutboxRow } from '../src/index.js';
import { count, freshUrls, message, openSide, send, SENDER, startReceiver, testClock, TOKEN } from './support.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
});

async function post(baseUrl: string, body: string, headers: Record<string, string>) {
  const res = await fetch(`${baseUrl}/internal/handover`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.status, json: (await res.json()) as any };
}

describe('each sender signs what it sends with its own key', () => {
  it('refuses a copy whose body was changed, a signature by another sender than the one named, and an unsigned one — 401, nothing written', async () => {
    const urls = freshUrls();
    cleanups.push(() => urls.cleanup());
    const receiver = await startReceiver(urls.receiver, { self: 'RECEIVER', senders: [SENDER] });
    cleanups.push(() => receiver.stop());
    const base = receiver.server.baseUrl;
    const body = JSON.stringify({ messageId: 'S-1#1#forward', target: 'RECEIVER', kind: 'forward', caseNo: 'S-1', hop: 1, payload: { x: 1 } });
    const signed = handoverHeaders(TOKEN, SENDER, body);

    expect(await post(base, body.replace('"x":1', '"x":2'), signed)).toMatchObject({ status: 401, json: { code: 'HANDOVER_UNAUTHENTICATED' } });
    expect((await post(base, body, { ...handoverHeaders(TOKEN, 'OTHER', body), 'x-scf-handover-from': SENDER })).status).toBe(401);
    expect((await post(base, body, { 'x-scf-handover-token': TOKEN })).status).toBe(401);
    expect(await count(receiver.orm, 'inbox')).toBe(0);

    // A real key, but a sender this receiver does not take from, or a message meant for another receiver: 403.
    expect(await post(base, body, handoverHeaders(TOKEN, 'OTHER', body))).toMatchObject({ status: 403, json: { code: 'HANDOVER_WRONG_SENDER' } });
    const elsewhere = body.replace('"target":"RECEIVER"', '"target":"THIRD"');
    expect(await post(base, elsewhere, handoverHeaders(TOKEN, SENDER, elsewhere))).toMatchObject({ status: 403, json: { code: 'HANDOVER_WRONG_TARGET' } });
    expect(await count(receiver.orm, 'inbox')).toBe(0);

    expect(await post(base, body, signed)).toMatchObject({ status: 200, json: { duplicate: false } });
    expect(await count(receiver.orm, 'applied_message')).toBe(1);
  });

  it('a message sent to the wrong receiver waits and is retried (a set-up fault), it is not refused for good', async () => {
    const urls = freshUrls();
    cleanups.push(() => urls.cleanup());
    const sender = await openSide(urls.sender);
    cleanups.push(() => sender.close(true));
    const receiver = await startReceiver(urls.receiver, { self: 'COUNTY' });
    cleanups.push(() => receiver.stop());
    const clock = testClock();
    await send(sender, [message('W-1', 1)], clock.now); // target TOWNSHIP
    const relay = createRelay({ orm: sender, resolveTarget: () => receiver.server.baseUrl, token: TOKEN, from: SENDER, clock: clock.now, log: () => undefined });
    cleanups.push(() => relay.close());
    expect(await relay.flush()).toMatchObject({ delivered: 0, refused: 0, pending: 1 });
    const [row] = await (sender.em.fork() as EntityManager).find<OutboxRow>(OUTBOX, {});
    expect(row).toMatchObject({ status: 'PENDING', attempts: 1 });
    expect(row!.lastError).toMatch(/^403 .*HANDOVER_WRONG_TARGET/);
  });

  it('in production the secret is required and long; in development a public default is used', () => {
    expect(() => handoverSecretFromEnv({ NODE_ENV: 'production' })).toThrow(/SCF_HANDOVER_TOKEN must be set/);
    expect(() => handoverSecretFromEnv({ NODE_ENV: 'production', SCF_HANDOVER_TOKEN: 'short' })).toThrow(/SCF_HANDOVER_TOKEN/);
    expect(handoverSecretFromEnv({ NODE_ENV: 'production', SCF_HANDOVER_TOKEN: 'x'.repeat(32) })).toBe('x'.repeat(32));
    expect(handoverSecretFromEnv({})).toBe('dev-handover-token');
  });
});
