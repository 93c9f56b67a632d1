import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { enqueue, deliveryOutcome, OUTBOX, type OutboxRow } from '../src/index.js';
import { count, freshUrls, message, openSide } from './support.js';

describe('the outbox', () => {
  const urls = freshUrls();
  let orm: MikroORM;
  beforeAll(async () => {
    orm = await openSide(urls.sender);
  });
  afterAll(async () => {
    await orm?.close(true);
    await urls.cleanup();
  });

  it('commits a message together with the sender\'s own change, and not at all when that change rolls back', async () => {
    const em = orm.em.fork() as EntityManager;
    await em.transactional(async (tx) => {
      await enqueue(tx as EntityManager, message('C-1', 1));
      await tx.insert('Applied', { messageId: 'own change', caseNo: 'C-1', hop: 1, kind: 'state' });
    });
    await expect(
      em.transactional(async (tx) => {
        await enqueue(tx as EntityManager, message('C-2', 1));
        throw new Error('the sender\'s change failed');
      }),
    ).rejects.toThrow('the sender\'s change failed');
    expect(await count(orm, 'outbox')).toBe(1);
    expect(await count(orm, 'applied_message')).toBe(1);
    const row = await em.findOneOrFail<OutboxRow>(OUTBOX, { messageId: 'C-1#1#forward' });
    expect(row).toMatchObject({ status: 'PENDING', attempts: 0, target: 'TOWNSHIP', caseNo: 'C-1', hop: 1, deliveredAt: null, lastError: null });
    expect(JSON.parse(row.payload)).toEqual({ note: 'C-1 hop 1' });
  });

  it('refuses to write outside a transaction, a malformed message, and a message id used before', async () => {
    const em = orm.em.fork() as EntityManager;
    await expect(enqueue(em, message('C-3', 1))).rejects.toThrow(/transaction/);
    await expect(em.transactional((tx) => enqueue(tx as EntityManager, { ...message('C-3', 1), hop: -1 }))).rejects.toThrow(/hop/);
    await expect(em.transactional((tx) => enqueue(tx as EntityManager, { ...message('C-3', 1), caseNo: '' }))).rejects.toThrow(/caseNo/);
    await expect(em.transactional((tx) => enqueue(tx as EntityManager, message('C-1', 1)))).rejects.toThrow();
    expect(await count(orm, 'outbox')).toBe(1);
  });

  it('classifies answers: 2xx delivered; network, 5xx and set-up errors retried; other 4xx refused', () => {
    expect([200, 201, 204].map(deliveryOutcome)).toEqual(['delivered', 'delivered', 'delivered']);
    expect([null, 500, 502, 503, 401, 403, 404, 408, 429].map(deliveryOutcome)).toEqual(Array(9).fill('retry'));
    expect([400, 409, 413, 422].map(deliveryOutcome)).toEqual(Array(4).fill('refused'));
  });
});
