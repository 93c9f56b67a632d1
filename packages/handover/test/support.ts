import http from 'node:http';
import { EntitySchema, type MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { parse } from 'graphql';
import { freshTestDatabases, openDatabase, schemaMigration, SqlCounter, startSubgraph, type RunningSubgraph } from '@scf/kit';
import { enqueue, handoverEntities, handoverHeaders, handoverMigration, handoverRoute, type HandoverMessage, type ReceivedMessage } from '../src/index.js';

export { testDatabase } from '@scf/kit';

export function freshUrls(): { sender: string; receiver: string; cleanup(): Promise<void> } {
  const { urls, cleanup } = freshTestDatabases(['sender', 'receiver'] as const);
  return { ...urls, cleanup };
}

/** What the test receiver's `apply` writes: one row per application, no unique key, so a double apply would show. */
export interface AppliedRow { id: number; messageId: string; caseNo: string; hop: number; kind: string }

function appliedEntity() {
  return new EntitySchema<AppliedRow>({
    name: 'Applied',
    tableName: 'applied_message',
    properties: {
      id: { type: 'integer', primary: true, autoincrement: true },
      messageId: { type: 'string', length: 128 },
      caseNo: { type: 'string', length: 64 },
      hop: { type: 'integer' },
      kind: { type: 'string', length: 32 },
    },
  });
}

const appliedMigration = schemaMigration('0002-test-applied', (schema) =>
  schema.createTable('applied_message', (t) => {
    t.increments('id').primary();
    t.string('message_id', 128).notNullable();
    t.string('case_no', 64).notNullable();
    t.integer('hop').notNullable();
    t.string('kind', 32).notNullable();
  }),
);

export async function openSide(url: string): Promise<MikroORM> {
  const { orm } = await openDatabase({
    url,
    entities: [...handoverEntities(), appliedEntity()],
    migrations: [handoverMigration('0001-handover'), appliedMigration],
  });
  return orm;
}

export const TOKEN = 'test-handover-token';
/** The party the test senders sign as. */
export const SENDER = 'SENDER';

export async function count(orm: MikroORM, sql: string, params: unknown[] = []): Promise<number> {
  const rows = await (orm.em.fork() as EntityManager).execute<{ n: unknown }[]>(`select count(*) as n from ${sql}`, params);
  return Number(rows[0]!.n);
}

/** Each case's applied hops in the order the receiver applied them. */
export async function appliedHops(orm: MikroORM): Promise<Map<string, number[]>> {
  const rows = await (orm.em.fork() as EntityManager).execute<{ case_no: string; hop: number }[]>('select case_no, hop from applied_message order by id');
  const out = new Map<string, number[]>();
  for (const r of rows) out.set(r.case_no, [...(out.get(r.case_no) ?? []), Number(r.hop)]);
  return out;
}

export interface TestReceiver {
  server: RunningSubgraph;
  orm: MikroORM;
  /** POSTs that reached the hand-over route (any answer). */
  requests: number;
  stop(): Promise<void>;
}

/** A real subgraph server (kit's startSubgraph) on the receiver database, with the hand-over route mounted. */
export async function startReceiver(
  url: string,
  opts: { port?: number; apply?: (tx: EntityManager, m: ReceivedMessage) => Promise<void>; self?: string; senders?: string[] } = {},
): Promise<TestReceiver> {
  const orm = await openSide(url);
  const route = handoverRoute({
    orm,
    token: TOKEN,
    self: opts.self,
    senders: opts.senders,
    async apply(tx, m) {
      if (opts.apply) await opts.apply(tx, m);
      await tx.insert<AppliedRow>('Applied', { messageId: m.messageId, caseNo: m.caseNo, hop: m.hop, kind: m.kind } as AppliedRow);
    },
  });
  const receiver: TestReceiver = {
    server: undefined as unknown as RunningSubgraph,
    orm,
    requests: 0,
    stop: () => receiver.server.stop(),
  };
  receiver.server = await startSubgraph({
    name: 'receiver',
    typeDefs: parse('type Query { ok: Boolean }'),
    resolvers: { Query: { ok: () => true } },
    orm,
    sql: new SqlCounter(),
    context: (em) => ({ em }),
    ...(opts.port ? { port: opts.port } : {}),
    routes: [{ ...route, handle: (r) => { receiver.requests++; return route.handle(r); } }],
  });
  return receiver;
}

export function message(caseNo: string, hop: number, kind = 'forward', payload: unknown = { note: `${caseNo} hop ${hop}` }): HandoverMessage {
  return { messageId: `${caseNo}#${hop}#${kind}`, target: 'TOWNSHIP', kind, caseNo, hop, payload };
}

/** Commits each message in its own transaction, as a sender's state changes would. */
export async function send(orm: MikroORM, messages: HandoverMessage[], now: () => Date): Promise<void> {
  for (const m of messages) await (orm.em.fork() as EntityManager).transactional((tx) => enqueue(tx as EntityManager, m, now()));
}

/** A settable clock for relays: back-off and leases run on it, so tests never sleep. */
export function testClock(start = '2026-09-28T08:00:00.000Z') {
  let now = new Date(start);
  return { now: () => now, advance(ms: number) { now = new Date(now.getTime() + ms); } };
}

/** POSTs `body` signed as SENDER with `token` (null: unsigned). */
export async function postRaw(baseUrl: string, body: string, token: string | null = TOKEN): Promise<{ status: number; json: any }> {
  const res = await fetch(`${baseUrl}/internal/handover`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token === null ? {} : handoverHeaders(token, SENDER, body)) },
    body,
  });
  return { status: res.status, json: await res.json() };
}

/**
 * An HTTP proxy in front of the receiver that, while `dropping`, lets each request through and then cuts the
 * connection instead of passing the answer back: the receiver committed, the sender never hears it.
 */
export async function lossyProxy(upstream: () => string) {
  const state = { dropping: true, dropped: 0, server: undefined as unknown as http.Server, baseUrl: '' };
  state.server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const answer = await fetch(`${upstream()}${req.url}`, {
      method: req.method,
      headers: {
        'content-type': 'application/json',
        'x-scf-handover-from': String(req.headers['x-scf-handover-from'] ?? ''),
        'x-scf-handover-signature': String(req.headers['x-scf-handover-signature'] ?? ''),
      },
      body: Buffer.concat(chunks),
    });
    const text = await answer.text();
    if (state.dropping) {
      state.dropped++;
      req.socket.destroy();
      return;
    }
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(text);
  });
  await new Promise<void>((ok) => state.server.listen(0, '127.0.0.1', ok));
  state.baseUrl = `http://127.0.0.1:${(state.server.address() as import('node:net').AddressInfo).port}`;
  return { state, close: () => new Promise<void>((ok) => { state.server.closeAllConnections(); state.server.close(() => ok()); }) };
}
