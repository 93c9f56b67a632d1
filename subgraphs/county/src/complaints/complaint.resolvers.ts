import type { FilterQuery } from '@mikro-orm/core';
import { ForbiddenError, hasRole, requireActor, requireRole, type Actor } from '@scf/auth';
import { chinaToday, invalid, levelOfCode } from '@scf/domain';
import type { CountyContext } from '../context.js';
import type { County } from '../counties/county.entity.js';
import { Complaint, type ComplaintEvent, type ComplaintStatus } from './complaint.entity.js';
import {
  answerComplaint, closeComplaint, fileComplaint, isOverdue, parseComplaintNumber,
  type AnswerComplaintInput, type CloseComplaintInput, type FileComplaintInput,
} from './complaint.service.js';

/** `actor` is declared optional so this compiles whether or not the county context carries it yet; missing means not signed in. */
export type ComplaintContext = CountyContext & { actor?: Actor | null };

/** County-centre staff only: complaints are handled by the county's supervision office (R23, R24). */
function atCountyCentre(a: Actor, what: string, countyCode = a.countyCode): Actor {
  if (a.level !== 'COUNTY' || a.countyCode !== countyCode) {
    throw new ForbiddenError(`只有本县（${countyCode}）政务服务中心的工作人员可以查看或办理投诉，${a.username} 属于 ${a.pointCode} / Only staff of the ${countyCode} county centre may ${what}; ${a.username} works at ${a.pointCode}`);
  }
  return a;
}

const readers = ['SUPERVISOR', 'DIRECTOR'] as const;

/** Complaints are read by the county centre's SUPERVISORs and DIRECTORs. */
function requireReader(ctx: ComplaintContext, countyCode?: string): Actor {
  const a = requireRole(ctx.actor, [...readers], 'read complaints');
  return atCountyCentre(a, 'read its complaints', countyCode);
}

function requireSupervisor(ctx: ComplaintContext, what: string): Actor {
  return atCountyCentre(requireRole(ctx.actor, ['SUPERVISOR'], what), what);
}

/** R23: the complainant's identity is for the county's supervisors alone. */
function seesComplainant(ctx: ComplaintContext, c: Complaint): boolean {
  const a = ctx.actor;
  return !!a && a.level === 'COUNTY' && a.countyCode === c.countyCode && hasRole(a, 'SUPERVISOR');
}

const iso = (d: Date | string | null) => (d == null ? null : new Date(d).toISOString());
const by = (a: Actor) => ({ username: a.username, name: a.name, countyCode: a.countyCode });
const STATUSES: readonly ComplaintStatus[] = ['OPEN', 'ANSWERED', 'CLOSED'];

export const complaintResolvers = {
  Query: {
    async complaint(_: unknown, { number }: { number: string }, ctx: ComplaintContext) {
      const a = requireReader(ctx);
      const parsed = parseComplaintNumber(number, 'number');
      // The number names its county: another county's complaints are its own supervisors' and directors'.
      if (parsed.countyCode !== a.countyCode) throw new ForbiddenError(`投诉 ${parsed.number} 属于县 ${parsed.countyCode}，${a.username} 所在的县 ${a.countyCode} 无权查看 / ` +
          `${a.username} may not read complaint ${parsed.number}: it belongs to county ${parsed.countyCode}, not ${a.countyCode}`);
      return ctx.em.findOne(Complaint, { number: parsed.number, countyCode: a.countyCode });
    },
  },
  County: {
    async complaints(county: County, args: { status?: ComplaintStatus[] | null; overdueOnly?: boolean | null; pointCode?: string | null }, ctx: ComplaintContext) {
      requireReader(ctx, county.code);
      let statuses = args.status?.length ? STATUSES.filter((s) => args.status!.includes(s)) : [...STATUSES];
      if (args.overdueOnly) statuses = statuses.filter((s) => s === 'OPEN');
      if (!statuses.length) return [];
      const where: FilterQuery<Complaint> & Record<string, unknown> = { countyCode: county.code };
      if (statuses.length < STATUSES.length) where.status = { $in: statuses };
      // Overdue: still OPEN (filtered above) the day after its answer day.
      if (args.overdueOnly) where.answerDue = { $lt: chinaToday(ctx.now()) };
      if (args.pointCode != null) {
        levelOfCode(args.pointCode, 'pointCode');
        const code = args.pointCode.trim();
        if (!code.startsWith(county.code)) invalid('pointCode', `${code} 不是本县（${county.code}）的服务点，请核对代码 / ${code} is not a point of county ${county.code}`);
        // A point and the points under it (digits only, so no LIKE wildcards): a township's code prefixes its villages'.
        if (code !== county.code) where.pointCode = code.length === 12 ? code : { $like: `${code}%` };
      }
      return ctx.em.find(Complaint, where, { orderBy: { receivedAt: 'desc', id: 'desc' } });
    },
  },
  Mutation: {
    async fileComplaint(_: unknown, { input }: { input: FileComplaintInput }, ctx: ComplaintContext) {
      const a = atCountyCentre(requireActor(ctx.actor), 'record complaints (township and village staff pass them on to the county centre)');
      return fileComplaint(ctx.em, input, by(a), ctx.now());
    },
    async answerComplaint(_: unknown, { input }: { input: AnswerComplaintInput }, ctx: ComplaintContext) {
      const a = requireSupervisor(ctx, 'answer complaints');
      return answerComplaint(ctx.em, input, by(a), ctx.now());
    },
    async closeComplaint(_: unknown, { input }: { input: CloseComplaintInput }, ctx: ComplaintContext) {
      const a = requireSupervisor(ctx, 'close complaints');
      return closeComplaint(ctx.em, input, by(a), ctx.now());
    },
  },
  Complaint: {
    county: (c: Complaint, _: unknown, ctx: ComplaintContext) => ctx.loaders.pointByCode.load(c.countyCode),
    complainantName: (c: Complaint, _: unknown, ctx: ComplaintContext) => (seesComplainant(ctx, c) ? c.complainantName : null),
    complainantPhone: (c: Complaint, _: unknown, ctx: ComplaintContext) => (seesComplainant(ctx, c) ? c.complainantPhone : null),
    complainantConfidential: (c: Complaint, _: unknown, ctx: ComplaintContext) => !seesComplainant(ctx, c),
    receivedAt: (c: Complaint) => iso(c.receivedAt),
    answeredAt: (c: Complaint) => iso(c.answeredAt),
    closedAt: (c: Complaint) => iso(c.closedAt),
    overdue: (c: Complaint, _: unknown, ctx: ComplaintContext) => isOverdue(c, chinaToday(ctx.now())),
    answeredOnTime: (c: Complaint) => (c.answeredOn == null ? null : c.answeredOn <= c.answerDue),
    history: (c: Complaint, _: unknown, ctx: ComplaintContext) => ctx.loaders.complaintSteps.load(c.id),
  },
  ComplaintEvent: {
    at: (e: ComplaintEvent) => iso(e.at),
    by: (e: ComplaintEvent) => e.byUsername,
  },
};
