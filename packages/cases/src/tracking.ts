import { canRead } from '@scf/auth';
import { chinaToday, countyOfPoint, light, parseCaseNo } from '@scf/domain';
import type { LevelNames } from './level.js';
import type { CasesRequestContext } from './resolvers.js';

/**
 * trackCase (R20) is composed from one view per level: each subgraph says what it holds of a case, and
 * the county subgraph, which owns `trackCase`, receives the other levels' views through @requires and
 * merges them. These types are identical in every subgraph.
 */
export const sharedTrackingTypeDefs = /* GraphQL */ `
  "One step of a case between levels (forwarded, returned, result sent back), as the level that recorded it saw it."
  type CaseViewHop @shareable {
    hop: Int!
    fromCode: String!
    toCode: String!
    at: String!
    byUsername: String!
    byName: String!
    action: String!
    note: String
  }

  "What one level holds of a case."
  type CaseView @shareable {
    level: Level!
    pointCode: String!
    pointName: String!
    "Whether the case is being worked on at this level now."
    holds: Boolean!
    status: CaseStatus!
    itemId: ID!
    itemName: String!
    registeredAt: String!
    deadline: String
    light: Light
    hops: [CaseViewHop!]!
  }
`;

const viewFields = 'level pointCode pointName holds status itemId itemName registeredAt deadline light hops { hop fromCode toCode at byUsername byName action note }';
export const CASE_VIEW_SELECTION = viewFields;

/** A lower level's contribution: `CaseTrack.<level>View`. */
export function levelTrackingTypeDefs(n: LevelNames): string {
  return /* GraphQL */ `
  type CaseTrack @key(fields: "caseNo") {
    caseNo: ID!
    "The case as the ${n.label} holds it, if it ever did."
    ${n.field}View: CaseView
  }
`;
}

export interface CaseView {
  level: string;
  pointCode: string;
  pointName: string;
  holds: boolean;
  status: string;
  itemId: string;
  itemName: string;
  registeredAt: string;
  deadline: string | null;
  light: string | null;
  hops: { hop: number; fromCode: string; toCode: string; at: string; byUsername: string; byName: string; action: string; note: string | null }[];
}

/** How a level sees one of its cases, for `CaseTrack.<level>View`: null if it never held it. */
export function caseViewResolver(n: LevelNames, pointName: (ctx: any, code: string) => Promise<string>) {
  return async (track: { caseNo: string }, _: unknown, ctx: CasesRequestContext): Promise<CaseView | null> => {
    // Each level checks for itself; the county's trackCase refuses first with a message.
    if (!ctx.actor || !canRead(ctx.actor, parseCaseNo(track.caseNo).pointCode)) return null;
    const hops = async () =>
      (await ctx.cases.hopsByCase.load(track.caseNo)).map((h) => ({
        hop: h.hop, fromCode: h.fromCode, toCode: h.toCode, at: h.at.toISOString(), byUsername: h.byUsername, byName: h.byName, action: h.action, note: h.note,
      }));
    if (parseCaseNo(track.caseNo).level !== n.level) {
      // Not taken in here: this level may hold it because another level forwarded it here.
      const r = await ctx.cases.inboundByNo.load(track.caseNo);
      if (!r) return null;
      const [calendar, name, hopList] = await Promise.all([ctx.cases.calendar(countyOfPoint(r.pointCode)), pointName(ctx, r.pointCode), hops()]);
      const holds = r.status === 'RECEIVED' || r.status === 'ACCEPTED';
      return {
        level: n.level, pointCode: r.pointCode, pointName: name, holds, status: r.status === 'DECIDED' || r.status === 'WITHDRAWN' ? r.status : 'FORWARDED',
        itemId: String(r.itemId), itemName: r.itemName, registeredAt: r.receivedAt.toISOString(), deadline: r.deadline,
        light: holds && r.deadline ? light(calendar, chinaToday(ctx.now()), r.deadline) : null, hops: hopList,
      };
    }
    const c = await ctx.cases.caseByNo.load(track.caseNo);
    if (!c) return null;
    const [calendar, name, hopList] = await Promise.all([ctx.cases.calendar(countyOfPoint(c.pointCode)), pointName(ctx, c.pointCode), hops()]);
    const clocked = c.deadline && (c.status === 'ACCEPTED' || c.status === 'FORWARDED');
    return {
      level: n.level,
      pointCode: c.pointCode,
      pointName: name,
      holds: c.status !== 'FORWARDED',
      status: c.status,
      itemId: String(c.itemId),
      itemName: c.itemName,
      registeredAt: c.registeredAt.toISOString(),
      deadline: c.deadline,
      light: clocked ? light(calendar, chinaToday(ctx.now()), c.deadline!) : null,
      hops: hopList,
    };
  };
}

/** A lower level's resolvers for its contribution to CaseTrack. */
export function trackingResolvers(n: LevelNames, pointName: (ctx: any, code: string) => Promise<string>) {
  return { CaseTrack: { __resolveReference: (ref: { caseNo: string }) => ref, [`${n.field}View`]: caseViewResolver(n, pointName) } };
}
