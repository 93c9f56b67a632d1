import { requireRead } from '@scf/auth';
import { DomainError, parseCaseNo } from '@scf/domain';
import { LEVEL_NAMES, caseViewResolver, type CaseView } from '@scf/cases';
import type { CountyContext } from '../context.js';

const countyView = caseViewResolver(LEVEL_NAMES.COUNTY, async (ctx: CountyContext, code) => (await ctx.loaders.pointByCode.load(code))?.name ?? code);

interface TrackRef {
  caseNo: string;
  villageView?: CaseView | null;
  townshipView?: CaseView | null;
}

const DEPTH = { VILLAGE: 0, TOWNSHIP: 1, COUNTY: 2 } as const;
const journeys = new WeakMap<object, Promise<Journey>>();

interface Journey {
  origin: CaseView | null;
  holder: CaseView | null;
  views: CaseView[];
}

/** Every level's view of the case, merged once per tracked case per request. */
function journey(ref: TrackRef, ctx: CountyContext): Promise<Journey> {
  let j = journeys.get(ref);
  if (!j) {
    j = (async () => {
      const own = await countyView(ref, {}, ctx);
      const views = [ref.villageView, ref.townshipView, own].filter((v): v is CaseView => !!v);
      const originLevel = parseCaseNo(ref.caseNo).level;
      const origin = views.find((v) => v.level === originLevel) ?? null;
      // The deepest level that says it is working on the case holds it; the origin otherwise.
      const holding = views.filter((v) => v.holds).sort((a, b) => DEPTH[b.level as keyof typeof DEPTH] - DEPTH[a.level as keyof typeof DEPTH]);
      return { origin, holder: holding[0] ?? origin, views };
    })();
    journeys.set(ref, j);
  }
  return j;
}

function originOrFail(j: Journey, caseNo: string): CaseView {
  if (!j.origin) throw new DomainError('NOT_FOUND', `本县各级都没有办件 ${caseNo}，请核对办件编号 / No case ${caseNo} at any level of this county`);
  return j.origin;
}

export const countyTrackingResolvers = {
  Query: {
    trackCase(_: unknown, { caseNo }: { caseNo: string }, ctx: CountyContext) {
      requireRead(ctx.actor, parseCaseNo(caseNo).pointCode, `case ${caseNo}`);
      return { caseNo };
    },
  },
  CaseTrack: {
    __resolveReference: (ref: TrackRef) => ref,
    countyView: (ref: TrackRef, args: unknown, ctx: CountyContext) => countyView(ref, args, ctx),
    found: async (ref: TrackRef, _: unknown, ctx: CountyContext) => !!(await journey(ref, ctx)).origin,
    async item(ref: TrackRef, _: unknown, ctx: CountyContext) {
      const origin = originOrFail(await journey(ref, ctx), ref.caseNo);
      return ctx.loaders.itemById.load(Number(origin.itemId));
    },
    status: async (ref: TrackRef, _: unknown, ctx: CountyContext) => originOrFail(await journey(ref, ctx), ref.caseNo).status,
    currentLevel: async (ref: TrackRef, _: unknown, ctx: CountyContext) => (await journey(ref, ctx)).holder?.level ?? null,
    async currentPoint(ref: TrackRef, _: unknown, ctx: CountyContext) {
      const h = (await journey(ref, ctx)).holder;
      return h ? { code: h.pointCode, name: h.pointName, level: h.level } : null;
    },
    deadline: async (ref: TrackRef, _: unknown, ctx: CountyContext) => originOrFail(await journey(ref, ctx), ref.caseNo).deadline,
    light: async (ref: TrackRef, _: unknown, ctx: CountyContext) => originOrFail(await journey(ref, ctx), ref.caseNo).light,
    async hops(ref: TrackRef, _: unknown, ctx: CountyContext) {
      const j = await journey(ref, ctx);
      const names = new Map(j.views.map((v) => [v.pointCode, v]));
      const point = (code: string) => ({ code, name: names.get(code)?.pointName ?? code, level: names.get(code)?.level ?? parseCaseNo(`${code}-20000101-00001`).level });
      // Ordered by hop, each hop's forwarding first: the levels' clocks need not agree to the millisecond.
      const rank = (action: string) => (action === 'forward' ? 0 : 1);
      return j.views
        .flatMap((v) => v.hops)
        .sort((a, b) => a.hop - b.hop || rank(a.action) - rank(b.action) || a.at.localeCompare(b.at))
        .map((h) => ({ from: point(h.fromCode), to: point(h.toCode), at: h.at, by: { username: h.byUsername, name: h.byName }, action: h.action, note: h.note }));
    },
  },
};
