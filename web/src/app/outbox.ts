/**
 * 待发送: registrations and forwards made while the link was down, kept in this browser (localStorage, per
 * signed-in account) and sent when it comes back — exactly once:
 *
 * - a registration carries an idempotency key chosen when its form was opened; the server answers a
 *   repeated key with the case it already made (packages/cases/src/register.ts), so a resend after a lost
 *   answer, a second press of the button, or two tabs sending at once all end in one case;
 * - a forward carries the expectedVersion it was made with; if the case has moved on by the time it is
 *   sent and is FORWARDED, the forward got there (its answer was lost, or someone else did it): done.
 *
 * Items are sent oldest first, one at a time, on the `online` event, on a timer, and at start-up.
 * A refusal by the server (bad input, forbidden, a conflict that is not an earlier copy of this forward) is
 * final: the item stays in the list as refused with the server's message, and is never retried by itself.
 * Once an item is sent or refused, what it carried (the applicant's ID number and phone) is dropped from
 * this browser; only its one-line summary stays until the clerk clears it.
 */
import { ApiError, gql, OfflineError, session } from '../api.js';
import * as link from '../link.js';
import { refusalText } from '../refusals.js';
import { LEVEL_FIELD, LEVEL_TYPE, type Level } from './words.js';

export type OutboxState = 'waiting' | 'sending' | 'sent' | 'refused';

export interface OutboxItem {
  /** The idempotency key of a registration; a forward's own id. */
  id: string;
  kind: 'register' | 'forward';
  level: Level;
  /** What the clerk reads in the list, e.g. "登记 流动人口婚育证明 — 李秀英". */
  summary: string;
  /** RegisterCaseInput (with idempotencyKey) or CaseActionInput (with expectedVersion). */
  input: Record<string, unknown>;
  state: OutboxState;
  createdAt: string;
  attempts: number;
  lastTriedAt?: string;
  /** The case made (register) or acted on (forward). */
  caseNo?: string;
  message?: string;
  field?: string;
}

/** Each account has its own list: a registration is sent as the clerk who took it in (R7). */
const key = (user = session()?.staff.username ?? '') => `scf.outbox.${user}`;
const listeners = new Set<() => void>();

export function items(user?: string): OutboxItem[] {
  try {
    return (JSON.parse(localStorage.getItem(key(user)) ?? '[]') as OutboxItem[]).filter((i) => i && typeof i.id === 'string');
  } catch {
    return [];
  }
}

function save(list: OutboxItem[], user?: string): void {
  localStorage.setItem(key(user), JSON.stringify(list));
  for (const l of listeners) l();
}

/** When this account's list last reached the server: the last send the server answered, or the last time nothing was left. */
export function syncedAt(user = session()?.staff.username ?? ''): Date | null {
  const v = localStorage.getItem(`${key(user)}.syncedAt`);
  return v ? new Date(v) : null;
}

function synced(user: string): void {
  localStorage.setItem(`${key(user)}.syncedAt`, new Date().toISOString());
}

function update(user: string, id: string, change: Partial<OutboxItem>): void {
  save(items(user).map((i) => (i.id === id ? { ...i, ...change } : i)), user);
}

export function onChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const pending = () => items().filter((i) => i.state === 'waiting' || i.state === 'sending');

/** A random key (64 bits of the browser's CSPRNG, hex). Works without a secure context, unlike randomUUID. */
export function newKey(prefix: string): string {
  const b = crypto.getRandomValues(new Uint8Array(12));
  return `${prefix}-${Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Keeps an item to send later. The same id is kept once: a second press of the button while the first is
 * still waiting replaces what will be sent (the clerk may have corrected a field) but never adds a second.
 */
export function keep(item: Omit<OutboxItem, 'state' | 'createdAt' | 'attempts'>): OutboxItem {
  const list = items();
  const existing = list.find((i) => i.id === item.id);
  if (existing) {
    if (existing.state === 'waiting') Object.assign(existing, { summary: item.summary, input: item.input });
    save(list);
    return existing;
  }
  const kept: OutboxItem = { ...item, state: 'waiting', createdAt: new Date().toISOString(), attempts: 0 };
  save([...list, kept]);
  return kept;
}

export function remove(id: string): void {
  save(items().filter((i) => i.id !== id));
}

export function clearSent(): void {
  save(items().filter((i) => i.state !== 'sent'));
}

/**
 * Sends one registration; the answer for a key already used is the case it made. Every registration — sent
 * at once from the form or later from this list — goes through here, and none goes without its key: a
 * registration without one could not be told from a second press of the button.
 */
export async function sendRegistration(level: Level, input: Record<string, unknown>): Promise<{ caseNo: string; status: string; version: number }> {
  const key = input.idempotencyKey;
  if (typeof key !== 'string' || !/^[A-Za-z0-9-]{8,64}$/.test(key)) throw new Error('登记缺少幂等键，未发送 / a registration is never sent without its idempotency key');
  const t = LEVEL_TYPE[level];
  const d = await gql(`mutation($i: RegisterCaseInput!) { r: register${t}Case(input: $i) { caseNo status version } }`, { i: input });
  return d.r;
}

/** Sends one forward. A refusal of a case that is FORWARDED by now means an earlier copy got there. */
export async function sendForward(level: Level, input: Record<string, unknown>): Promise<{ status: string; version: number; already?: boolean }> {
  const t = LEVEL_TYPE[level];
  try {
    const d = await gql(`mutation($i: CaseActionInput!) { r: act${t}Case(input: $i) { caseNo status version } }`, { i: input });
    return d.r;
  } catch (e) {
    if (!(e instanceof ApiError) || e.code === 'UNAUTHENTICATED' || transient(e)) throw e;
    const now = await gql(`query($c: ID!) { c: ${LEVEL_FIELD[level]}Case(caseNo: $c) { status version } }`, { c: input.caseNo }).catch(() => null);
    if (now?.c?.status === 'FORWARDED') return { ...now.c, already: true };
    throw e;
  }
}

/** Worth trying again later: the link, or a level that is not answering; not the request's own fault. */
function transient(e: unknown): boolean {
  return e instanceof OfflineError || (e instanceof ApiError && (e.code === 'SERVICE_UNAVAILABLE' || (e.status ?? 0) >= 500 || e.status === 429));
}

let running: Promise<void> | null = null;

/** Sends what is waiting, oldest first; stops at the first sign the link is still down. */
export function flush(): Promise<void> {
  if (!running) {
    // Two tabs of the app must not both send (the keys would still keep it to one case, but not one request).
    // Web Locks exist only in secure contexts (https, localhost); elsewhere each tab sends on its own.
    const run: Promise<void> = navigator.locks ? navigator.locks.request('scf-outbox', () => sendAll()).then(() => undefined) : sendAll();
    const done = run.finally(() => {
      running = null;
    });
    running = done;
    return done;
  }
  return running;
}

async function sendAll(): Promise<void> {
  const user = session()?.staff.username;
  if (!user) return;
  // A tab closed while sending left its item 'sending': it goes again, safely (the key, the version).
  for (const i of items(user)) if (i.state === 'sending') update(user, i.id, { state: 'waiting' });
  for (;;) {
    const next = items(user).find((i) => i.state === 'waiting');
    if (session()?.staff.username !== user) return;
    if (!next) {
      // Nothing left: in step with the server, if the server has been heard from (not just "the network card is up").
      if (link.state() === 'up') {
        synced(user);
        save(items(user), user); // listeners redraw with the new sync time
      }
      return;
    }
    update(user, next.id, { state: 'sending', attempts: next.attempts + 1, lastTriedAt: new Date().toISOString() });
    try {
      if (next.kind === 'register') {
        const c = await sendRegistration(next.level, next.input);
        update(user, next.id, { state: 'sent', caseNo: c.caseNo, message: `已登记 ${c.caseNo}`, input: {} });
      } else {
        const c = await sendForward(next.level, next.input);
        update(user, next.id, { state: 'sent', message: c.already ? '已上报（此前已送达）' : '已上报', input: {} });
      }
    } catch (e) {
      if (transient(e) || (e instanceof ApiError && e.code === 'UNAUTHENTICATED')) {
        update(user, next.id, { state: 'waiting', message: e instanceof ApiError ? refusalText(e) : '网络中断，恢复后自动发送' });
        return;
      }
      const err = e instanceof ApiError ? e : new ApiError('', 'ERROR');
      // Kept in Chinese as the clerk will read it, however long it waits in the list.
      update(user, next.id, { state: 'refused', message: refusalText(err), field: err.field, input: {} });
    }
  }
}

let started = false;

/** Sends on reconnection, every 20 s while anything waits, and now. */
export function startOutbox(everyMs = 20_000): void {
  if (started) return;
  started = true;
  window.addEventListener('online', () => void flush());
  setInterval(() => {
    if (navigator.onLine && pending().length) void flush();
  }, everyMs);
  if (navigator.onLine) void flush();
}
