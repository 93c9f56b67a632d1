import type { IncomingHttpHeaders } from 'node:http';
import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { DomainError } from '@scf/domain';
import type { SubgraphRoute } from '@scf/kit';
import { HANDOVER_FROM_HEADER, HANDOVER_SIGNATURE_HEADER, verifyHandover } from './credentials.js';
import { INBOX, type InboxRow } from './entities.js';
import { messageProblem } from './outbox.js';
import { HANDOVER_PATH } from './relay.js';

/** A hand-over as the receiver sees it: the sender's message with its payload parsed back. */
export interface ReceivedMessage<P = any> {
  /** Who sent it, as its signature proves (`x-scf-handover-from`). */
  from: string;
  messageId: string;
  kind: string;
  caseNo: string;
  hop: number;
  payload: P;
  /** The sender's `target` (this level, by convention), if it sent one. */
  target?: string;
  /** When the sender committed it (ISO 8601), if it said. */
  createdAt?: string;
}

/**
 * The receiver's "no" for good: the message is well-formed but the receiving level's rules refuse it.
 * Answered 422; the sender's relay marks the message FAILED and does not retry it.
 */
export class HandoverRefusal extends DomainError {
  constructor(message: string, field?: string, details?: Record<string, unknown>) {
    super('HANDOVER_REFUSED', message, field, details);
    this.name = 'HandoverRefusal';
  }
}

/**
 * Which errors from `apply` are refusals (422, not retried): a DomainError (HandoverRefusal, a rule of
 * @scf/domain, …) except `CONFLICT` — a concurrent change is worth retrying — and a GraphQLError-like error
 * whose `extensions.code` is a client code such as BAD_USER_INPUT or NOT_FOUND. Anything else (a database
 * error, a bug) is answered 500 and retried by the sender.
 */
export function isRefusal(e: unknown): boolean {
  if (e instanceof DomainError) return e.code !== 'CONFLICT';
  const code = (e as { extensions?: { code?: unknown } } | null)?.extensions?.code;
  return typeof code === 'string' && ['BAD_USER_INPUT', 'NOT_FOUND', 'FORBIDDEN', 'HANDOVER_REFUSED'].includes(code);
}

const header = (headers: IncomingHttpHeaders, name: string) => {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
};

export interface HandoverRouteOptions<P = any> {
  /** The receiver's database: its inbox and whatever `apply` writes. */
  orm: MikroORM;
  /** The shared hand-over secret (see handoverSecretFromEnv): each sender's key is derived from it. */
  token: string;
  /** This receiver's party name: a message whose `target` is another party is refused (403, not taken). */
  self?: string;
  /** The parties allowed to send here; default anyone but `self` whose signature checks out. */
  senders?: readonly string[];
  /**
   * Takes one hand-over into the receiver's own state, with `tx` — the transaction that also records the
   * message in the inbox: both commit or neither does. Throw a HandoverRefusal (or a DomainError) to refuse.
   * Whatever it returns is sent back as `result`.
   */
  apply(tx: EntityManager, message: ReceivedMessage<P>): Promise<unknown>;
  /** Which errors of `apply` are refusals; default isRefusal. */
  isRefusal?: (e: unknown) => boolean;
  clock?: () => Date;
}

/**
 * `POST /internal/handover` (headers `x-scf-handover-from` and `x-scf-handover-signature`): takes each
 * hand-over exactly once.
 * - a missing or wrong signature, or one by another party than `x-scf-handover-from` names → 401, nothing
 *   read or written (the sender retries: a wrong secret is a set-up fault);
 * - a sender not among `senders`, or a `target` other than `self` → 403, nothing written (retried likewise);
 * - a body that is not a well-formed message → 400 with what is wrong;
 * - a new message → in ONE transaction: the inbox row, then `apply`; 200 `{ messageId, duplicate: false, result }`;
 * - a message already in the inbox → 200 `{ messageId, duplicate: true }`, `apply` is not called again;
 * - `apply` refuses → 422 `{ error, code, field }`, nothing written (the sender stops retrying it);
 * - anything else → 500 (the sender retries).
 * Mount it on the subgraph's own server (startSubgraph `routes`): it is never part of the supergraph.
 */
export function handoverRoute<P = any>(opts: HandoverRouteOptions<P>): SubgraphRoute {
  const clock = opts.clock ?? (() => new Date());
  const refusal = opts.isRefusal ?? isRefusal;
  const DUPLICATE = Symbol('duplicate');

  const inInbox = async (messageId: string) =>
    (await (opts.orm.em.fork() as EntityManager).count<InboxRow>(INBOX, { messageId })) > 0;

  return {
    path: HANDOVER_PATH,
    method: 'POST',
    async handle({ headers, body, rawBody }) {
      const from = header(headers, HANDOVER_FROM_HEADER);
      if (!verifyHandover(opts.token, from, rawBody ?? '', header(headers, HANDOVER_SIGNATURE_HEADER))) {
        return {
          status: 401,
          body: { error: `移交消息未签名或签名不符，不予接收 (missing or wrong ${HANDOVER_SIGNATURE_HEADER} for the sender named in ${HANDOVER_FROM_HEADER})`, code: 'HANDOVER_UNAUTHENTICATED' },
        };
      }
      if (from === opts.self || (opts.senders && !opts.senders.includes(from!))) {
        return { status: 403, body: { error: `本级不接收 ${from} 发来的移交 (sender not allowed here)`, code: 'HANDOVER_WRONG_SENDER' } };
      }
      const problem = body === undefined ? 'the request has no body: send the message as JSON' : messageProblem(body);
      if (problem) return { status: 400, body: { error: `移交消息格式不对 (malformed hand-over: ${problem})`, code: 'HANDOVER_MALFORMED' } };
      const b = body as Record<string, unknown>;
      if (opts.self !== undefined && b.target !== opts.self) {
        return { status: 403, body: { error: `这条移交是发给 ${String(b.target)} 的，这里是 ${opts.self} (sent to the wrong level)`, code: 'HANDOVER_WRONG_TARGET' } };
      }
      const message: ReceivedMessage<P> = {
        from: from!,
        messageId: String(b.messageId), kind: String(b.kind), caseNo: String(b.caseNo), hop: b.hop as number, payload: b.payload as P,
        ...(typeof b.target === 'string' ? { target: b.target } : {}),
        ...(typeof b.createdAt === 'string' ? { createdAt: b.createdAt } : {}),
      };
      try {
        const result = await (opts.orm.em.fork() as EntityManager).transactional(async (tx) => {
          if ((await tx.count<InboxRow>(INBOX, { messageId: message.messageId })) > 0) return DUPLICATE;
          // The inbox row first: a concurrent copy of the same message waits on its key, then finds it taken.
          await tx.insert<InboxRow>(INBOX, { messageId: message.messageId, kind: message.kind, caseNo: message.caseNo, hop: message.hop, receivedAt: clock() });
          return opts.apply(tx as EntityManager, message);
        });
        if (result === DUPLICATE) return { status: 200, body: { messageId: message.messageId, duplicate: true } };
        return { status: 200, body: { messageId: message.messageId, duplicate: false, ...(result === undefined ? {} : { result }) } };
      } catch (e) {
        // A copy sent at the same moment committed first: this one changes nothing.
        if (await inInbox(message.messageId).catch(() => false)) return { status: 200, body: { messageId: message.messageId, duplicate: true } };
        if (refusal(e)) {
          const err = e as Error & { code?: string; field?: string; extensions?: { code?: string; field?: string } };
          return { status: 422, body: { error: err.message, code: err.code ?? err.extensions?.code ?? 'HANDOVER_REFUSED', ...(err.field ?? err.extensions?.field ? { field: err.field ?? err.extensions?.field } : {}) } };
        }
        throw e; // startSubgraph logs it and answers 500: the sender retries
      }
    },
  };
}
