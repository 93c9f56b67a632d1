import type { EntityManager } from '@mikro-orm/knex';
import { ForbiddenError, hasRole, requireAct, requireActor, requireHandoverReview, requireRead, type Actor } from '@scf/auth';
import { ACTION_LABELS, chinaToday, countyOfPoint, light, STATUS_LABELS, type CaseAction, type CaseStatus, type WorkingCalendar } from '@scf/domain';
import { loadCalendar } from '@scf/catalogue';
import { actOnCase, findCase, windowActions, type ActInput } from './act.js';
import type { CaseEventRow, CaseRow, InboundRow } from './entities.js';
import { actOnForwarded, carriedHop, mergeHops, type CarriedHop, type ForwardedActInput, type ForwardedMaterial } from './delegation.js';
import { scopeOfCase, scopeOfForwarded, type ScopeLookups } from './case-scope.js';
import { decodeMaterials } from './events.js';
import { caseLoaders } from './loaders.js';
import { buildNotice, trackingUrlFromEnv, type NoticeKind } from './notices.js';
import type { CasesHost } from './ports.js';
import { caseSearchWhere, type CaseSearchArgs } from './case-search.js';
import { itemUse } from './item-use.js';
import { registerCase, type RegisterInput } from './register.js';
import { agentView, applicantView, focus, personalDataState, type PersonalDataReadRow } from './personal-data.js';
import { HANDOVER_EVENT_LABELS, handoverTypeResolvers, latestHandover, reviewHandover } from './handover-review.js';

/** The part of a subgraph's request context the cases module uses. */
export interface CasesRequestContext {
  em: EntityManager;
  now: () => Date;
  /** Asks the hand-over relay to send what was just committed, without waiting for its next tick. */
  kick?: () => void;
  cases: ReturnType<typeof caseRequestState>;
  /** The signed-in member of staff, verified by this subgraph; null when anonymous. */
  actor: Actor | null;
}

/** Per-request state: DataLoaders and each county's calendar, loaded at most once per request. */
export function caseRequestState(em: EntityManager) {
  const calendars = new Map<string, Promise<WorkingCalendar>>();
  const calendar = (countyCode: string) => {
    let c = calendars.get(countyCode);
    if (!c) calendars.set(countyCode, (c = loadCalendar(em, countyCode)));
    return c;
  };
  return { ...caseLoaders(em), calendar, personalData: personalDataState() };
}

export interface HostLoaders {
  /** The point row as the subgraph's own type resolvers expect it. */
  loadPoint(ctx: any, code: string): Promise<unknown>;
  loadStaffByUsername(ctx: any, username: string): Promise<unknown>;
  /**
   * The window unit (county hall) or desk (township centre) of a member of staff of this level. Levels
   * without units (village rooms) leave it out.
   */
  unitOfStaff?(ctx: any, username: string): Promise<string | null>;
}

const CLOCKED = new Set(['ACCEPTED', 'FORWARDED']);

export function casesResolvers(host: CasesHost & HostLoaders) {
  const n = host.names;
  const caseType = `${n.type}Case`;
  const lookups = (ctx: CasesRequestContext): ScopeLookups => ({
    windowUnitOfItem: async (id) => (await ctx.cases.itemById.load(id))?.windowUnit ?? null,
    unitOfStaff: async (username) => (await host.unitOfStaff?.(ctx, username)) ?? null,
  });
  const scopeOf = (ctx: CasesRequestContext, c: CaseRow) => scopeOfCase(n.level, c, lookups(ctx));
  /** The item of a registration, when it is one of this county's: registerCase refuses any other with its reason. */
  const itemToTakeIn = async (ctx: CasesRequestContext, itemId: unknown, pointCode: string) => {
    const id = typeof itemId === 'string' && /^\d{1,9}$/.test(itemId.trim()) ? Number(itemId.trim()) : typeof itemId === 'number' ? itemId : NaN;
    const item = Number.isSafeInteger(id) ? await ctx.cases.itemById.load(id) : null;
    return item && item.countyCode === countyOfPoint(pointCode) ? item : null;
  };
  const withPersonalData = (ctx: CasesRequestContext) => ({ em: ctx.em, actor: ctx.actor, now: ctx.now, personalData: ctx.cases.personalData });
  // Reading a point's lists of cases: anyone whose scope covers the point.
  const readable = (ctx: CasesRequestContext, code: string, what: string) => requireRead(ctx.actor, code, what);

  return {
    Query: {
      async [`${n.field}Case`](_: unknown, { caseNo }: { caseNo: string }, ctx: CasesRequestContext) {
        requireActor(ctx.actor);
        const row = await findCase(ctx.em, host, caseNo);
        readable(ctx, row.pointCode, `case ${caseNo}`);
        return focus(withPersonalData(ctx), row);
      },
    },
    Mutation: {
      async [`register${n.type}Case`](_: unknown, { input }: { input: Omit<RegisterInput, 'staff'> }, ctx: CasesRequestContext) {
        const actor = requireAct(ctx.actor, { pointCode: input.pointCode, wholePoint: true }, `register a case at ${input.pointCode}`);
        // Where the item is decided, only its unit takes it in (and the director): a clerk of another unit
        // would otherwise register a case they then decide. Items decided above are taken in by any clerk.
        const item = await itemToTakeIn(ctx, input.itemId, input.pointCode);
        if (item && item.decidingLevel === n.level) requireAct(actor, { pointCode: input.pointCode, unit: item.windowUnit }, `take in ${item.name}`);
        return focus(withPersonalData(ctx), await registerCase(ctx.em, host, { ...input, staff: actor.username }, ctx.now()));
      },
      async [`act${n.type}Case`](_: unknown, { input }: { input: Omit<ActInput, 'staff'> }, ctx: CasesRequestContext) {
        const actor = requireActor(ctx.actor);
        const row = await actOnCase(ctx.em, host, { ...input, staff: actor.username }, ctx.now(), {
          authorize: async (current) => requireAct(actor, await scopeOf(ctx, current), `act on case ${input.caseNo}`),
          afterCommit: ctx.kick,
        });
        return focus(withPersonalData(ctx), row);
      },
      [`handleForwarded${n.type}Case`]: async (_: unknown, { input }: { input: Omit<ForwardedActInput, 'staff'> }, ctx: CasesRequestContext) => {
        const actor = requireActor(ctx.actor);
        const row = await actOnForwarded(ctx.em, host, { ...input, staff: actor.username }, ctx.now(), async (inbound) =>
          requireAct(actor, await scopeOfForwarded(n.level, inbound, lookups(ctx)), `act on forwarded case ${input.caseNo}`),
        );
        ctx.kick?.();
        return row;
      },
      async [`requeue${n.type}Handover`](_: unknown, { input }: { input: { messageId: string; reason: string } }, ctx: CasesRequestContext) {
        const row = await reviewHandover(ctx.em, host, input, 'requeue', ctx.actor, ctx.now());
        ctx.kick?.();
        return row;
      },
      [`abandon${n.type}Handover`]: async (_: unknown, { input }: { input: { messageId: string; reason: string } }, ctx: CasesRequestContext) => {
        const row = await reviewHandover(ctx.em, host, input, 'abandon', ctx.actor, ctx.now());
        // The case's later messages, held back behind this one, may go now.
        ctx.kick?.();
        return row;
      },
    },
    Handover: handoverTypeResolvers,
    [n.type]: {
      cases: (point: { code: string }, args: { status?: CaseStatus[]; first?: number } & CaseSearchArgs, ctx: CasesRequestContext) =>
        readable(ctx, point.code, `the cases of ${point.code}`) &&
        ctx.em.find<CaseRow>(
          'CaseFile',
          { ...caseSearchWhere(args), pointCode: point.code, ...(args.status?.length ? { status: { $in: args.status } } : {}) },
          { orderBy: { id: 'desc' }, limit: Math.min(Math.max(args.first ?? 50, 1), 500) },
        ),
      supervisionRecords(point: { code: string }, _: unknown, ctx: CasesRequestContext) {
        const actor = readable(ctx, point.code, `the supervision records of ${point.code}`);
        // 督办 is for supervisors and directors to follow up, and for the point's own staff to act on.
        if (!hasRole(actor, 'SUPERVISOR', 'DIRECTOR') && actor.pointCode !== point.code) throw new ForbiddenError(`只有督查人员、中心主任和收件点 ${point.code} 的工作人员可以查看它的督查记录 / Only supervisors, directors and the staff of ${point.code} see its supervision records`);
        return ctx.cases.supervisionByPoint.load(point.code);
      },
      casesAway: (point: { code: string }, _: unknown, ctx: CasesRequestContext) =>
        readable(ctx, point.code, `the cases away from ${point.code}`) && ctx.cases.awayByPoint.load(point.code),
      forwardedToMe: (point: { code: string }, args: { status: InboundRow['status'][] }, ctx: CasesRequestContext) =>
        readable(ctx, point.code, `the cases forwarded to ${point.code}`) &&
        ctx.cases.inboundByPoint.load(`${point.code}|${[...new Set(args.status)].sort().join(',')}`),
      itemUse: (point: { code: string }, args: { days: number }, ctx: CasesRequestContext) =>
        readable(ctx, point.code, `the items used at ${point.code}`) && itemUse(ctx.em, point.code, args.days, ctx.now()),
      failedHandovers: (point: { code: string }, _: unknown, ctx: CasesRequestContext) =>
        requireHandoverReview(ctx.actor, point.code, `查看 ${point.code} 被拒收的移交`) && ctx.cases.failedByPoint.load(point.code),
    },
    [`${n.type}ForwardedCase`]: {
      async __resolveReference(ref: { caseNo: string }, ctx: CasesRequestContext) {
        const row = await ctx.cases.inboundByNo.load(ref.caseNo);
        return row && readable(ctx, row.pointCode, `forwarded case ${ref.caseNo}`) && row;
      },
      itemId: (c: InboundRow) => String(c.itemId),
      receivedAt: (c: InboundRow) => c.receivedAt.toISOString(),
      async light(c: InboundRow, _: unknown, ctx: CasesRequestContext) {
        if (!c.deadline || !['RECEIVED', 'ACCEPTED'].includes(c.status)) return null;
        return light(await ctx.cases.calendar(countyOfPoint(c.pointCode)), chinaToday(ctx.now()), c.deadline);
      },
      handover: (c: InboundRow, _: unknown, ctx: CasesRequestContext) => latestHandover(ctx, c.caseNo),
      origin: (c: InboundRow) => ({ code: c.originPointCode, name: c.originPointName ?? c.originPointCode }),
      from: (c: InboundRow) => ({ code: c.fromPointCode, name: c.fromPointName ?? c.fromPointCode }),
      // Masked by the origin before it was sent: nobody here can see more, so nothing here is recorded as read.
      applicant: (c: InboundRow) =>
        c.applicantType
          ? { type: c.applicantType, name: c.applicantName, idNumber: c.applicantIdNumber ?? null, creditCode: c.applicantCreditCode ?? null, phone: c.applicantPhone ?? '', masked: true }
          : null,
      materials: (c: InboundRow) => (c.materials ? (JSON.parse(c.materials) as ForwardedMaterial[]) : []),
      note: (c: InboundRow) => c.forwardNote ?? null,
      history: async (c: InboundRow, _: unknown, ctx: CasesRequestContext) =>
        mergeHops(c.hops ? (JSON.parse(c.hops) as CarriedHop[]) : [], (await ctx.cases.hopsByCase.load(c.caseNo)).map(carriedHop)),
    },
    [caseType]: {
      async __resolveReference(ref: { caseNo: string }, ctx: CasesRequestContext) {
        const row = await ctx.cases.caseByNo.load(ref.caseNo);
        return row && readable(ctx, row.pointCode, `case ${ref.caseNo}`) && row;
      },
      point: (c: CaseRow, _: unknown, ctx: unknown) => host.loadPoint(ctx, c.pointCode),
      itemId: (c: CaseRow) => String(c.itemId),
      statusLabel: (c: CaseRow) => STATUS_LABELS[c.status as CaseStatus],
      allowedActions: async (c: CaseRow, _: unknown, ctx: CasesRequestContext) =>
        windowActions(c, host.names.level, await ctx.cases.materialsByCase.load(c.id), await ctx.cases.calendar(countyOfPoint(c.pointCode)), chinaToday(ctx.now())),
      registeredAt: (c: CaseRow) => c.registeredAt.toISOString(),
      applicant: (c: CaseRow, _: unknown, ctx: CasesRequestContext) => applicantView(withPersonalData(ctx), c, () => scopeOf(ctx, c)),
      agent: (c: CaseRow, _: unknown, ctx: CasesRequestContext) => agentView(withPersonalData(ctx), c, () => scopeOf(ctx, c)),
      async personalDataReads(c: CaseRow, _: unknown, ctx: CasesRequestContext) {
        const actor = requireActor(ctx.actor);
        if (!hasRole(actor, 'SUPERVISOR', 'DIRECTOR')) throw new ForbiddenError('只有督查人员和中心主任可以查看谁查阅过个人信息 / Only supervisors and directors see who read personal data');
        const rows = await ctx.em.find<PersonalDataReadRow>('PersonalDataRead', { caseNo: c.caseNo }, { orderBy: { id: 'asc' } });
        return rows.map((r) => ({ ...r, at: r.at.toISOString(), fields: r.fields.split(',') }));
      },
      responsible: (c: CaseRow, _: unknown, ctx: unknown) => host.loadStaffByUsername(ctx, c.responsibleUsername),
      async light(c: CaseRow, _: unknown, ctx: CasesRequestContext) {
        if (!c.deadline) return null;
        const calendar = await ctx.cases.calendar(countyOfPoint(c.pointCode));
        if (CLOCKED.has(c.status)) return light(calendar, chinaToday(ctx.now()), c.deadline);
        // While a special procedure runs the clock stands still at the day it started.
        if (c.status === 'SUSPENDED' && c.suspendedOn) return light(calendar, c.suspendedOn, c.deadline);
        return null;
      },
      materials: (c: CaseRow, _: unknown, ctx: CasesRequestContext) => ctx.cases.materialsByCase.load(c.id),
      decision: (c: CaseRow) =>
        c.decidedOn ? { outcome: c.outcome, decidedOn: c.decidedOn, reason: c.decisionReason, rightsNotice: c.rightsNotice, timing: c.timing } : null,
      history: async (c: CaseRow, _: unknown, ctx: CasesRequestContext) =>
        (await ctx.cases.eventsByCase.load(c.id)).map((e) => ({
          ...e,
          actionLabel: e.action === 'register' ? '登记' : (ACTION_LABELS[e.action as CaseAction] ?? HANDOVER_EVENT_LABELS[e.action] ?? e.action),
          at: e.at.toISOString(),
          by: e.byUsername,
          missingMaterials: decodeMaterials(e.materials),
        })),
      async notice(c: CaseRow, { kind }: { kind: NoticeKind }, ctx: CasesRequestContext) {
        const [history, point, item, materials] = await Promise.all([
          ctx.cases.eventsByCase.load(c.id), host.findPoint(ctx.em, c.pointCode), ctx.cases.itemById.load(c.itemId), ctx.cases.materialsByCase.load(c.id),
        ]);
        return buildNotice(kind, c, history as CaseEventRow[], point ?? { name: c.pointCode, centreName: c.pointCode }, {
          item, materials: materials as { name: string; received: boolean }[], trackingUrl: trackingUrlFromEnv(), level: n.level,
        });
      },
      supervisionRecords: (c: CaseRow, _: unknown, ctx: CasesRequestContext) => ctx.cases.supervisionByCase.load(c.id),
      handover: (c: CaseRow, _: unknown, ctx: CasesRequestContext) => latestHandover(ctx, c.caseNo),
    },
  };
}
