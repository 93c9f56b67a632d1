import { randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import type { BackgroundTask } from '@scf/kit';
import { handoverHeaders } from './credentials.js';
import { OUTBOX, type OutboxRow } from './entities.js';

export const HANDOVER_PATH = '/internal/handover';

/** How often the relay looks for due messages: env SCF_HANDOVER_RELAY_MS, default 1000. */
export function relayIntervalFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  return Number(env.SCF_HANDOVER_RELAY_MS) || 1000;
}

export interface RelayOptions {
  /** The sender's database (the one its outbox lives in). */
  orm: MikroORM;
  /** A message's `target` → the receiving subgraph's base URL (e.g. http://127.0.0.1:4002, no /graphql). */
  resolveTarget(target: string): string | Promise<string>;
  /** The shared hand-over secret (see handoverSecretFromEnv): every message is signed with `from`'s key derived from it. */
  token: string;
  /** Who sends: the party name the receiver checks the signature against (by convention the sending level, `VILLAGE`). */
  from: string;
  /** The time the relay believes it is (due times, back-off, leases). Default: the real clock. */
  clock?: () => Date;
  /** Messages sent per pass (a pass takes the first undelivered message of up to this many cases). Default 50. */
  batchSize?: number;
  /** Back-off after the first failed attempt; it doubles per attempt up to maxBackoffMs, with jitter. Default 1000. */
  minBackoffMs?: number;
  /** Default 300000 (5 minutes). */
  maxBackoffMs?: number;
  /** One POST may take this long before it counts as failed. Default 5000. */
  timeoutMs?: number;
  /** How long a claimed message is reserved for this relay; a relay that dies holding it releases it this way. Default 30000. */
  leaseMs?: number;
  /** Messages (of different cases) in flight at once. Default 8. */
  concurrency?: number;
  /** The task's interval; default SCF_HANDOVER_RELAY_MS or 1000. */
  everyMs?: number;
  /** For log lines and the claim marker. */
  name?: string;
  log?: (line: string) => void;
  /** Jitter source, [0, 1). Default Math.random. */
  random?: () => number;
  /**
   * Called when the receiver refuses a message for good (see `deliveryOutcome`), in the transaction that
   * marks it FAILED: the sender can record the refusal on its own case.
   */
  onFailed?(tx: EntityManager, message: OutboxRow, error: string): Promise<void>;
}

export interface FlushResult {
  /** Messages acknowledged by their receiver in this flush. */
  delivered: number;
  /** Attempts that failed in this flush (each is either retried later or, when refused, FAILED). */
  failed: number;
  /** Of those, messages refused for good (status FAILED). */
  refused: number;
  /** Messages still waiting after this flush (status PENDING, due or backing off). */
  pending: number;
}

export interface Relay {
  /** The background task for startSubgraph's `tasks`: runs at start and every `everyMs`. */
  task: BackgroundTask;
  /** Sends everything that is due now, pass after pass while passes deliver; never two flushes at once. */
  flush(): Promise<FlushResult>;
  /** Asks for a flush soon (e.g. right after the sender's transaction committed); never throws. */
  kick(): void;
  /** Messages this relay has delivered since it started, by flushes, ticks and kicks alike. */
  deliveredSoFar(): number;
  /** Stops taking kicks and ticks; waits for the flush in progress and one already asked for by kick(). */
  close(): Promise<void>;
}

/**
 * What an HTTP answer means for a message:
 * - 2xx (including `{ duplicate: true }`): delivered;
 * - a network error, a timeout, 5xx, and 401/403/404/408/429 (wrong secret, sent to the wrong level, receiver not deployed yet, busy —
 *   the fault is in the set-up, not in the message): retry with back-off;
 * - any other 4xx (400 malformed, 422 refused by the receiver's rules, …): refused for good — retrying would
 *   get the same answer.
 */
export function deliveryOutcome(status: number | null): 'delivered' | 'retry' | 'refused' {
  if (status === null) return 'retry';
  if (status >= 200 && status < 300) return 'delivered';
  if (status >= 500 || [401, 403, 404, 408, 429].includes(status) || status < 200 || (status >= 300 && status < 400)) return 'retry';
  return 'refused';
}

const asDate = (v: unknown): Date => (v instanceof Date ? v : new Date(typeof v === 'number' ? v : String(v)));

export function createRelay(opts: RelayOptions): Relay {
  const clock = opts.clock ?? (() => new Date());
  const batchSize = opts.batchSize ?? 50;
  const minBackoff = opts.minBackoffMs ?? 1000;
  const maxBackoff = Math.max(minBackoff, opts.maxBackoffMs ?? 300_000);
  const timeoutMs = opts.timeoutMs ?? 5000;
  const leaseMs = opts.leaseMs ?? 30_000;
  const concurrency = Math.max(1, opts.concurrency ?? 8);
  const name = opts.name ?? 'handover relay';
  const log = opts.log ?? ((line: string) => console.warn(line));
  const random = opts.random ?? Math.random;
  const relayId = `${process.pid}-${randomBytes(6).toString('hex')}`;

  /** Exponential back-off after `attempts` failed attempts, with "equal jitter": half fixed, half random. */
  function backoff(attempts: number): number {
    const full = Math.min(maxBackoff, minBackoff * 2 ** Math.min(30, Math.max(0, attempts - 1)));
    return Math.max(1, Math.round(full / 2 + (full / 2) * random()));
  }

  /** The first undelivered message of each case, if it is due and nobody holds it. */
  async function dueHeads(em: EntityManager, now: Date): Promise<OutboxRow[]> {
    return em
      .createQueryBuilder<OutboxRow, 'o'>(OUTBOX, 'o')
      .select('*')
      .where({ status: 'PENDING', nextAttemptAt: { $lte: now }, $or: [{ claimedUntil: null }, { claimedUntil: { $lt: now } }] })
      .andWhere(`not exists (select 1 from outbox p where p.case_no = o.case_no and p.id < o.id and p.status in ('PENDING', 'FAILED'))`)
      .orderBy({ id: 'asc' })
      .limit(batchSize)
      .getResultList();
  }

  async function post(row: OutboxRow): Promise<{ status: number | null; text: string }> {
    try {
      const base = (await opts.resolveTarget(row.target)).replace(/\/+$/, '').replace(/\/graphql$/, '');
      const body = JSON.stringify({
        messageId: row.messageId, target: row.target, kind: row.kind, caseNo: row.caseNo, hop: row.hop,
        payload: JSON.parse(row.payload), createdAt: asDate(row.createdAt).toISOString(),
      });
      const res = await fetch(`${base}${HANDOVER_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...handoverHeaders(opts.token, opts.from, body) },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      return { status: res.status, text: (await res.text()).slice(0, 2000) };
    } catch (e) {
      const err = e as Error & { cause?: { code?: string; message?: string } };
      const why = err.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (err.cause?.code ?? err.cause?.message ?? err.message);
      return { status: null, text: why };
    }
  }

  async function deliverOne(row: OutboxRow): Promise<{ outcome: 'delivered' | 'retry' | 'refused' | 'skipped'; error?: string }> {
    const em = opts.orm.em.fork() as EntityManager;
    const now = clock();
    // The claim: only one relay gets 1 here; the others leave the message alone.
    const claimed = await em.nativeUpdate<OutboxRow>(
      OUTBOX,
      { id: row.id, status: 'PENDING', $or: [{ claimedUntil: null }, { claimedUntil: { $lt: now } }] },
      { claimedBy: relayId, claimedUntil: new Date(now.getTime() + leaseMs) },
    );
    if (claimed !== 1) return { outcome: 'skipped' };
    const { status, text } = await post(row);
    const outcome = deliveryOutcome(status);
    const attempts = row.attempts + 1;
    const error = status === null ? text : `${status} ${text}`;
    if (outcome === 'delivered') {
      await em.nativeUpdate<OutboxRow>(OUTBOX, { id: row.id, status: 'PENDING' }, {
        status: 'DELIVERED', deliveredAt: clock(), attempts, claimedBy: null, claimedUntil: null,
      });
    } else if (outcome === 'retry') {
      await em.nativeUpdate<OutboxRow>(OUTBOX, { id: row.id, status: 'PENDING', claimedBy: relayId }, {
        attempts, lastError: error, nextAttemptAt: new Date(clock().getTime() + backoff(attempts)), claimedBy: null, claimedUntil: null,
      });
    } else {
      await em.transactional(async (tx) => {
        const n = await tx.nativeUpdate<OutboxRow>(OUTBOX, { id: row.id, status: 'PENDING', claimedBy: relayId }, {
          status: 'FAILED', attempts, lastError: error, claimedBy: null, claimedUntil: null,
        });
        if (n === 1 && opts.onFailed) await opts.onFailed(tx as EntityManager, { ...row, status: 'FAILED', attempts, lastError: error }, error);
      });
      log(`[${name}] ${row.target} refused hand-over ${row.messageId}: ${error}; it is FAILED and holds back case ${row.caseNo}`);
    }
    return { outcome, error };
  }

  let failing = false;
  let deliveredSoFar = 0;
  async function doFlush(): Promise<FlushResult> {
    const result: FlushResult = { delivered: 0, failed: 0, refused: 0, pending: 0 };
    let lastError = '';
    // Each pass sends the head of each case; a delivery may make the case's next message a head. A failed
    // message is backed off (never due again in this flush), so passes run out; all skipped means another relay has them.
    for (let pass = 0; pass < 10_000; pass++) {
      const heads = await dueHeads(opts.orm.em.fork() as EntityManager, clock());
      if (!heads.length) break;
      let delivered = 0;
      let attempted = 0;
      let next = 0;
      const worker = async () => {
        while (next < heads.length) {
          const row = heads[next++]!;
          const { outcome, error } = await deliverOne(row);
          if (outcome !== 'skipped') attempted++;
          if (outcome === 'delivered') {
            delivered++;
            deliveredSoFar++;
          }
          else if (outcome !== 'skipped') {
            result.failed++;
            if (outcome === 'refused') result.refused++;
            lastError = `${row.target}: ${error}`;
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, heads.length) }, worker));
      result.delivered += delivered;
      if (attempted === 0) break;
    }
    result.pending = await (opts.orm.em.fork() as EntityManager).count<OutboxRow>(OUTBOX, { status: 'PENDING' });
    const retrying = result.failed > result.refused;
    if (retrying && !failing) log(`[${name}] cannot hand over (${lastError}); ${result.pending} message(s) wait, retrying with back-off`);
    if (!retrying && failing && result.delivered > 0) log(`[${name}] hand-over works again`);
    if (retrying) failing = true;
    else if (result.delivered > 0) failing = false;
    return result;
  }

  let chain: Promise<unknown> = Promise.resolve();
  let kickQueued = false;
  let closed = false;

  function flush(): Promise<FlushResult> {
    const run = chain.then(doFlush, doFlush);
    chain = run.catch(() => undefined);
    return run;
  }

  return {
    task: { name: 'handover relay', everyMs: opts.everyMs ?? relayIntervalFromEnv(), runAtStart: true, run: () => (closed ? Promise.resolve() : flush()) },
    flush,
    deliveredSoFar: () => deliveredSoFar,
    kick() {
      if (closed || kickQueued) return;
      kickQueued = true;
      const run = chain.then(() => {
        kickQueued = false;
        return doFlush();
      });
      chain = run.catch((e) => log(`[${name}] hand-over flush failed: ${(e as Error).message}`));
    },
    async close() {
      closed = true;
      await chain;
    },
  };
}
