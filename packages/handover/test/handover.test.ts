import { afterEach, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { abandon, createRelay, HandoverRefusal, OUTBOX, requeue, type OutboxRow, type RelayOptions } from '../src/index.js';
import { appliedHops, count, freshUrls, lossyProxy, message, openSide, postRaw, send, SENDER, startReceiver, testClock, TOKEN, type TestReceiver } from './support.js';

/** Things to close after each test, newest first. */
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
});

async function setUp() {
  const urls = freshUrls();
  cleanups.push(() => urls.cleanup());
  const sender = await openSide(urls.sender);
  cleanups.push(() => sender.close(true));
  return { urls, sender };
}

async function receiverOn(url: string, opts: Parameters<typeof startReceiver>[1] = {}): Promise<TestReceiver> {
  const r = await startReceiver(url, opts);
  cleanups.push(() => r.stop());
  return r;
}

function relayFor(orm: MikroORM, baseUrl: () => string, clock: () => Date, extra: Partial<RelayOptions> = {}) {
  const relay = createRelay({ orm, resolveTarget: () => baseUrl(), token: TOKEN, from: SENDER, clock, minBackoffMs: 1000, maxBackoffMs: 60_000, log: () => undefined, ...extra });
  cleanups.push(() => relay.close());
  return relay;
}

/** Flushes until nothing is pending, at most `times` times, moving the clock past any back-off in between. */
async function drain(relay: ReturnType<typeof createRelay>, clock: ReturnType<typeof testClock>, times = 10) {
  let last = await relay.flush();
  for (let i = 1; i < times && last.pending > 0; i++) {
    clock.advance(120_000);
    last = await relay.flush();
  }
  return last;
}

const outboxRows = (orm: MikroORM) => (orm.em.fork() as EntityManager).find<OutboxRow>(OUTBOX, {}, { orderBy: { id: 'asc' } });

describe('hand-over between two databases', () => {
  it('(a) with the receiver down, 100 messages wait with growing attempts; when it is back, all arrive exactly once', async () => {
    const { urls, sender } = await setUp();
    const clock = testClock();
    // Start the receiver once (its database migrated, its port known), then take it down.
    const first = await receiverOn(urls.receiver);
    const port = first.server.port;
    const base = first.server.baseUrl;
    await first.stop();

    await send(sender, Array.from({ length: 100 }, (_, i) => message(`CASE-${String(i).padStart(3, '0')}`, 1)), clock.now);
    const relay = relayFor(sender, () => base, clock.now, { batchSize: 50 });

    for (let round = 0; round < 3; round++) {
      // Two flushes per round: a batch is 50 and a failed message is not due again until its back-off ends.
      const a = await relay.flush();
      const b = await relay.flush();
      expect(a.delivered + b.delivered).toBe(0);
      expect(a.failed + b.failed).toBe(100);
      expect(b.pending).toBe(100);
      clock.advance(120_000);
    }
    const waiting = await outboxRows(sender);
    expect(waiting).toHaveLength(100);
    expect(waiting.every((r) => r.status === 'PENDING' && r.attempts === 3 && r.deliveredAt === null && /ECONNREFUSED|fetch failed/.test(r.lastError ?? ''))).toBe(true);
    expect(waiting.every((r) => r.nextAttemptAt.getTime() > clock.now().getTime() - 120_000)).toBe(true);

    // Back on the same database and port.
    const again = await receiverOn(urls.receiver, { port });
    const before = await openSide(urls.receiver);
    cleanups.push(() => before.close(true));
    expect(await count(before, 'inbox')).toBe(0);

    const done = await drain(relay, clock);
    expect(done.pending).toBe(0);
    expect(await count(sender, 'outbox')).toBe(100);
    expect(await count(sender, "outbox where status = 'DELIVERED' and delivered_at is not null")).toBe(100);
    expect(await count(again.orm, 'inbox')).toBe(100);
    expect(await count(again.orm, 'applied_message')).toBe(100);
    expect(await count(again.orm, '(select distinct message_id from applied_message) d')).toBe(100);
    expect(again.requests).toBe(100);

    // Nothing left to do: more flushes send nothing.
    clock.advance(3_600_000);
    expect(await relay.flush()).toEqual({ delivered: 0, failed: 0, refused: 0, pending: 0 });
    expect(again.requests).toBe(100);
  });

  it('(b) a sender that dies after committing: a new relay on the same database delivers its messages', async () => {
    const { urls, sender } = await setUp();
    const clock = testClock();
    const receiver = await receiverOn(urls.receiver);
    await send(sender, Array.from({ length: 30 }, (_, i) => message(`DEAD-${i}`, 1)), clock.now);
    const dying = createRelay({ orm: sender, resolveTarget: () => receiver.server.baseUrl, token: TOKEN, from: SENDER, clock: clock.now, log: () => undefined });
    // A relay killed in the middle of a POST leaves its claim behind: the lease has to run out first.
    await (sender.em.fork() as EntityManager).nativeUpdate<OutboxRow>(OUTBOX, { caseNo: { $in: ['DEAD-0', 'DEAD-1'] } }, {
      claimedBy: 'killed-relay', claimedUntil: new Date(clock.now().getTime() + 30_000),
    });
    await dying.close();
    await sender.close(true);

    const restarted = await openSide(urls.sender);
    cleanups.push(() => restarted.close(true));
    expect(await count(restarted, "outbox where status = 'PENDING'")).toBe(30);
    const relay = relayFor(restarted, () => receiver.server.baseUrl, clock.now);
    const first = await relay.flush();
    expect(first).toMatchObject({ delivered: 28, pending: 2 });
    clock.advance(30_001);
    expect(await relay.flush()).toMatchObject({ delivered: 2, pending: 0 });
    expect(await count(restarted, "outbox where status = 'DELIVERED'")).toBe(30);
    expect(await count(receiver.orm, 'inbox')).toBe(30);
    expect(await count(receiver.orm, 'applied_message')).toBe(30);
    expect(receiver.requests).toBe(30);
  });

  it('(c) a replayed delivery changes nothing: the same POST twice, and a re-send after a lost acknowledgement', async () => {
    const { urls, sender } = await setUp();
    const clock = testClock();
    const receiver = await receiverOn(urls.receiver);

    const body = JSON.stringify({ messageId: 'R-1#1#forward', kind: 'forward', caseNo: 'R-1', hop: 1, payload: { x: 1 } });
    expect(await postRaw(receiver.server.baseUrl, body)).toEqual({ status: 200, json: { messageId: 'R-1#1#forward', duplicate: false } });
    expect(await postRaw(receiver.server.baseUrl, body)).toEqual({ status: 200, json: { messageId: 'R-1#1#forward', duplicate: true } });
    // The same id sent at once from two places: one applies, the other is a duplicate.
    const both = await Promise.all([1, 2].map(() => postRaw(receiver.server.baseUrl, body.replace('R-1#1', 'R-2#1').replace('"R-1"', '"R-2"'))));
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    expect(both.map((r) => r.json.duplicate).sort()).toEqual([false, true]);
    expect(await count(receiver.orm, 'inbox')).toBe(2);
    expect(await count(receiver.orm, 'applied_message')).toBe(2);

    const proxy = await lossyProxy(() => receiver.server.baseUrl);
    cleanups.push(() => proxy.close());
    await send(sender, Array.from({ length: 10 }, (_, i) => message(`LOST-${i}`, 1)), clock.now);
    const relay = relayFor(sender, () => proxy.state.baseUrl, clock.now);
    const lost = await relay.flush();
    expect(lost).toMatchObject({ delivered: 0, failed: 10, pending: 10 });
    expect(proxy.state.dropped).toBe(10);
    // The receiver took them; the sender does not know.
    expect(await count(receiver.orm, "inbox where case_no like 'LOST-%'")).toBe(10);

    proxy.state.dropping = false;
    clock.advance(120_000);
    expect(await relay.flush()).toMatchObject({ delivered: 10, failed: 0, pending: 0 });
    const rows = await outboxRows(sender);
    expect(rows.every((r) => r.status === 'DELIVERED' && r.attempts === 2)).toBe(true);
    expect(await count(receiver.orm, "inbox where case_no like 'LOST-%'")).toBe(10);
    expect(await count(receiver.orm, "applied_message where case_no like 'LOST-%'")).toBe(10);
    expect(receiver.requests).toBe(4 + 20);
  });

  it('(d) a wrong or missing token is refused with 401 and writes nothing; a malformed body gets 400 saying why', async () => {
    const { urls, sender } = await setUp();
    const clock = testClock();
    const receiver = await receiverOn(urls.receiver);
    const base = receiver.server.baseUrl;
    const body = JSON.stringify({ messageId: 'T-1#1#forward', kind: 'forward', caseNo: 'T-1', hop: 1, payload: {} });

    expect((await postRaw(base, body, 'wrong-token')).status).toBe(401);
    expect((await postRaw(base, body, TOKEN.slice(0, -1))).status).toBe(401);
    const missing = await postRaw(base, body, null);
    expect(missing.status).toBe(401);
    expect(missing.json).toMatchObject({ code: 'HANDOVER_UNAUTHENTICATED', error: expect.stringMatching(/x-scf-handover-signature/) });

    const bad = async (b: string) => postRaw(base, b);
    expect(await bad('{not json')).toMatchObject({ status: 400, json: { error: expect.stringMatching(/not JSON/) } });
    expect(await bad('')).toMatchObject({ status: 400, json: { error: expect.stringMatching(/no body/) } });
    expect(await bad('[1]')).toMatchObject({ status: 400, json: { error: expect.stringMatching(/JSON object/) } });
    expect(await bad(JSON.stringify({ messageId: 'x', kind: 'forward', hop: 1, payload: {} }))).toMatchObject({ status: 400, json: { error: expect.stringMatching(/caseNo/) } });
    expect(await bad(JSON.stringify({ messageId: 'x', kind: 'forward', caseNo: 'c', hop: 1.5, payload: {} }))).toMatchObject({ status: 400, json: { error: expect.stringMatching(/hop/) } });
    expect(await bad(JSON.stringify({ messageId: 'x', kind: 'forward', caseNo: 'c', hop: 1 }))).toMatchObject({ status: 400, json: { error: expect.stringMatching(/payload/) } });
    expect((await fetch(`${base}/internal/handover`)).status).toBe(404);

    // A relay with the wrong token keeps the message (a set-up fault, not the message's): it waits and retries.
    await send(sender, [message('T-2', 1)], clock.now);
    const wrong = relayFor(sender, () => base, clock.now, { token: 'wrong-token' });
    expect(await wrong.flush()).toMatchObject({ delivered: 0, failed: 1, refused: 0, pending: 1 });
    const [row] = await outboxRows(sender);
    expect(row).toMatchObject({ status: 'PENDING', attempts: 1 });
    expect(row!.lastError).toMatch(/^401/);
    expect(await count(receiver.orm, 'inbox')).toBe(0);
    expect(await count(receiver.orm, 'applied_message')).toBe(0);

    clock.advance(120_000);
    expect(await relayFor(sender, () => base, clock.now).flush()).toMatchObject({ delivered: 1, pending: 0 });
    expect(await count(receiver.orm, 'inbox')).toBe(1);
  });

  it('(e) keeps each case in order: a later message never overtakes an undelivered earlier one', async () => {
    const { urls, sender } = await setUp();
    const clock = testClock();
    const failedOnce = new Set<string>();
    const receiver = await receiverOn(urls.receiver, {
      // Hop 3 of every case fails once with a server error (500): the sender retries it later.
      async apply(_tx, m) {
        if (m.hop === 3 && !failedOnce.has(m.messageId)) {
          failedOnce.add(m.messageId);
          throw new Error('database briefly unavailable');
        }
      },
    });
    const cases = Array.from({ length: 10 }, (_, i) => `ORD-${i}`);
    // Interleaved, as real cases would be: hop 1 of all, then hop 2 of all, …
    for (let hop = 1; hop <= 6; hop++) await send(sender, cases.map((c) => message(c, hop, hop % 2 ? 'forward' : 'result')), clock.now);
    const relay = relayFor(sender, () => receiver.server.baseUrl, clock.now, { batchSize: 4, concurrency: 3 });

    const first = await relay.flush();
    expect(first).toMatchObject({ delivered: 20, failed: 10, pending: 40 });
    let hops = await appliedHops(receiver.orm);
    for (const c of cases) expect(hops.get(c)).toEqual([1, 2]);
    // Hops 4–6 were never even tried while hop 3 waits.
    expect(await count(sender, 'outbox where hop > 3 and attempts > 0')).toBe(0);
    expect(await count(sender, "outbox where hop = 3 and status = 'PENDING' and attempts = 1 and last_error like '500%'")).toBe(10);

    const done = await drain(relay, clock);
    expect(done.pending).toBe(0);
    hops = await appliedHops(receiver.orm);
    for (const c of cases) expect(hops.get(c)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await count(sender, "outbox where status = 'DELIVERED'")).toBe(60);
    expect(await count(receiver.orm, 'inbox')).toBe(60);
    expect(await count(receiver.orm, 'applied_message')).toBe(60);
  });

  it('(f) a business refusal (422) is not retried; it holds back its case until requeued or abandoned', async () => {
    const { urls, sender } = await setUp();
    const clock = testClock();
    let refusing = true;
    const receiver = await receiverOn(urls.receiver, {
      async apply(_tx, m) {
        if (m.caseNo.startsWith('NO-') && m.hop === 1 && refusing) throw new HandoverRefusal(`item not decided at this level for ${m.caseNo}`, 'itemId');
      },
    });
    const direct = await postRaw(receiver.server.baseUrl, JSON.stringify({ messageId: 'NO-0#1#forward', kind: 'forward', caseNo: 'NO-0', hop: 1, payload: {} }));
    expect(direct).toEqual({ status: 422, json: { error: 'item not decided at this level for NO-0', code: 'HANDOVER_REFUSED', field: 'itemId' } });
    expect(await count(receiver.orm, 'inbox')).toBe(0);

    await send(sender, [message('NO-1', 1), message('NO-1', 2), message('NO-2', 1), message('NO-2', 2), message('OK-1', 1), message('OK-1', 2)], clock.now);
    const refusals: string[] = [];
    const relay = relayFor(sender, () => receiver.server.baseUrl, clock.now, {
      async onFailed(tx, m, error) {
        refusals.push(`${m.messageId}: ${error}`);
        // The sender records the refusal in the same transaction (here in its own applied_message table).
        await tx.insert('Applied', { messageId: `refused ${m.messageId}`, caseNo: m.caseNo, hop: m.hop, kind: 'refused' });
      },
    });
    expect(await relay.flush()).toMatchObject({ delivered: 2, failed: 2, refused: 2, pending: 2 });
    // Two different cases are sent side by side: their refusals may come back in either order.
    expect(refusals.sort()).toEqual(['NO-1#1#forward: 422 {"error":"item not decided at this level for NO-1","code":"HANDOVER_REFUSED","field":"itemId"}', expect.stringMatching(/^NO-2#1#forward: 422 /)]);
    expect(await count(sender, "applied_message where kind = 'refused'")).toBe(2);

    const requestsAfterRefusal = receiver.requests;
    for (let i = 0; i < 5; i++) {
      clock.advance(3_600_000);
      expect(await relay.flush()).toMatchObject({ delivered: 0, failed: 0, pending: 2 });
    }
    expect(receiver.requests).toBe(requestsAfterRefusal);
    const rows = await outboxRows(sender);
    expect(rows.filter((r) => r.status === 'FAILED').map((r) => [r.messageId, r.attempts])).toEqual([['NO-1#1#forward', 1], ['NO-2#1#forward', 1]]);
    expect(rows.filter((r) => r.status === 'PENDING').map((r) => [r.messageId, r.attempts])).toEqual([['NO-1#2#forward', 0], ['NO-2#2#forward', 0]]);
    expect(await count(receiver.orm, "inbox where case_no like 'NO-%'")).toBe(0);
    expect(await count(receiver.orm, "applied_message where case_no like 'NO-%'")).toBe(0);

    // The cause is fixed at the receiver: NO-1 is put back in line and goes, in order. NO-2 is given up.
    refusing = false;
    expect(await requeue(sender.em.fork() as EntityManager, 'NO-1#1#forward', clock.now())).toBe(true);
    expect(await abandon(sender.em.fork() as EntityManager, 'NO-2#1#forward')).toBe(true);
    expect(await relay.flush()).toMatchObject({ delivered: 3, failed: 0, pending: 0 });
    const hops = await appliedHops(receiver.orm);
    expect(hops.get('NO-1')).toEqual([1, 2]);
    expect(hops.get('NO-2')).toEqual([2]);
    expect(await count(sender, "outbox where status = 'ABANDONED'")).toBe(1);
    expect(await count(sender, "outbox where status = 'DELIVERED'")).toBe(5);
  });

  it('two relays on one database share the work without sending anything twice', async () => {
    const { urls, sender } = await setUp();
    const clock = testClock();
    const receiver = await receiverOn(urls.receiver);
    await send(sender, Array.from({ length: 60 }, (_, i) => message(`PAR-${i % 20}`, Math.floor(i / 20) + 1)), clock.now);
    const second = await openSide(urls.sender);
    cleanups.push(() => second.close(true));
    const a = relayFor(sender, () => receiver.server.baseUrl, clock.now, { batchSize: 10 });
    const b = relayFor(second, () => receiver.server.baseUrl, clock.now, { batchSize: 10 });
    const [ra, rb] = await Promise.all([a.flush(), b.flush()]);
    const rest = await drain(a, clock);
    expect(ra.delivered + rb.delivered + rest.delivered).toBe(60);
    expect(await count(sender, "outbox where status = 'DELIVERED'")).toBe(60);
    expect(receiver.requests).toBe(60);
    expect(await count(receiver.orm, 'applied_message')).toBe(60);
    const hops = await appliedHops(receiver.orm);
    for (let c = 0; c < 20; c++) expect(hops.get(`PAR-${c}`)).toEqual([1, 2, 3]);
  });

  it('backs off exponentially between the minimum and the maximum, and kick() sends without waiting for the tick', async () => {
    const { urls, sender } = await setUp();
    const clock = testClock();
    await send(sender, [message('B-1', 1)], clock.now);
    const relay = relayFor(sender, () => 'http://127.0.0.1:9', clock.now, { minBackoffMs: 1000, maxBackoffMs: 8000 });
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      await relay.flush();
      const [row] = await outboxRows(sender);
      delays.push(row!.nextAttemptAt.getTime() - clock.now().getTime());
      clock.advance(60_000);
    }
    // Each delay is between half and all of min·2^(attempt-1), capped at the maximum (the other half is jitter).
    [1000, 2000, 4000, 8000, 8000, 8000].forEach((full, i) => {
      expect(delays[i]).toBeGreaterThanOrEqual(full / 2);
      expect(delays[i]).toBeLessThanOrEqual(full);
    });

    const receiver = await receiverOn(urls.receiver);
    const live = relayFor(sender, () => receiver.server.baseUrl, clock.now);
    await send(sender, [message('K-1', 1)], clock.now);
    live.kick();
    live.kick();
    await live.close();
    expect(await count(receiver.orm, 'inbox')).toBe(2);
    expect(await count(sender, "outbox where status = 'DELIVERED'")).toBe(2);
  });
});
