import { timingSafeEqual } from 'node:crypto';
import { countyOfPoint, parseCaseNo } from '@scf/domain';
import type { LevelNames } from './level.js';
import type { CasesHost } from './ports.js';
import type { CasesRequestContext } from './resolvers.js';
import { caseFacts, type CaseFact } from './plain-words.js';

/**
 * trackMyCase: an applicant follows their own case with its number and the last four digits of the phone
 * they gave. Only the level that took the case in (the origin) holds that phone and the applicant-facing
 * history, so each level answers for its own cases through `MyCaseTrack.<level>Answer`, and the county,
 * which owns trackMyCase, receives the answers through @requires and words them. These internal types
 * and fields are @inaccessible: they exist between the subgraphs and the gateway, never in the public API.
 */
export const sharedMyCaseTypeDefs = /* GraphQL */ `
  "Internal (trackMyCase): one step of a case as its origin recorded it, cut to what the applicant may see."
  type MyCaseFact @shareable @inaccessible {
    on: String!
    action: String!
    fromPointCode: String
    toPointCode: String
    reason: String
    materials: [MissingMaterial!]!
    outcome: DecisionOutcome
    rightsNotice: String
    deliveryMethod: DeliveryMethod
    suspensionReason: SuspensionReason
    promisedDays: Int
    deadline: String
  }

  "Internal (trackMyCase): what the level that took a case in tells its applicant; nothing but verified: false unless the check matched."
  type MyCaseAnswer @shareable @inaccessible {
    verified: Boolean!
    itemName: String
    pointCode: String
    pointName: String
    status: CaseStatus
    deadline: String
    contactPhone: String
    complaintPhone: String
    facts: [MyCaseFact!]!
  }

  "Internal (trackMyCase): a point a case was forwarded to, and whether it is working on it now."
  type MyCasePoint @shareable @inaccessible {
    code: String!
    name: String!
    holds: Boolean!
  }
`;

const FACT_FIELDS = 'on action fromPointCode toPointCode reason materials { name problem } outcome rightsNotice deliveryMethod suspensionReason promisedDays deadline';
/** The selection the county @requires of each level's answer. */
export const MY_CASE_ANSWER_SELECTION = `verified itemName pointCode pointName status deadline contactPhone complaintPhone facts { ${FACT_FIELDS} }`;
export const MY_CASE_POINT_SELECTION = 'code name holds';

/** A lower level's contribution: `MyCaseTrack.<level>Answer`, and for a level cases are forwarded to, `<level>Point`. */
export function levelMyCaseTypeDefs(n: LevelNames): string {
  const receives = n.level !== 'VILLAGE';
  return /* GraphQL */ `
  type MyCaseTrack @key(fields: "caseNo phoneLast4") {
    caseNo: ID!
    phoneLast4: String! @inaccessible
    "Internal: the answer of the ${n.label} that took the case in; null when it was taken in elsewhere or is unknown."
    ${n.field}Answer: MyCaseAnswer @inaccessible
    ${receives ? `"Internal: the ${n.label} the case was forwarded to, if any."\n    ${n.field}Point: MyCasePoint @inaccessible` : ''}
  }
`;
}

export interface MyCaseAnswer {
  verified: boolean;
  itemName: string | null;
  pointCode: string | null;
  pointName: string | null;
  status: string | null;
  deadline: string | null;
  contactPhone: string | null;
  complaintPhone: string | null;
  facts: CaseFact[];
}

export interface MyCaseRef {
  caseNo: string;
  phoneLast4: string;
}

const NOT_VERIFIED: MyCaseAnswer = Object.freeze({
  verified: false, itemName: null, pointCode: null, pointName: null, status: null, deadline: null, contactPhone: null, complaintPhone: null, facts: [],
}) as MyCaseAnswer;

/** The last four digits of a phone as the applicant knows it: a mobile's last four, a landline's before any extension. */
export function phoneLast4(phone: string): string | null {
  const main = /^(0\d{2,3}-?\d{7,8})-\d{1,6}$/.exec(phone)?.[1] ?? phone;
  const digits = main.replace(/\D/g, '');
  return digits.length >= 4 ? digits.slice(-4) : null;
}

/** Compares the check with the applicant's phone in constant time (both are four ASCII digits). */
export function phoneLast4Matches(phone: string, check: string): boolean {
  const expected = phoneLast4(phone);
  if (!expected || typeof check !== 'string' || !/^\d{4}$/.test(check)) return false;
  return timingSafeEqual(Buffer.from(expected, 'ascii'), Buffer.from(check, 'ascii'));
}

/**
 * `MyCaseTrack.<level>Answer`: null unless the case was taken in at this level; { verified: false } when
 * the check does not match the applicant's phone; the facts otherwise. Anonymous callers are served:
 * the check is the applicant's key, and the county rate-limits the lookups before any level is asked.
 */
export function myCaseAnswerResolver(n: LevelNames, host: Pick<CasesHost, 'findPoint'>) {
  return async (ref: MyCaseRef, _: unknown, ctx: CasesRequestContext): Promise<MyCaseAnswer | null> => {
    let level: string;
    try {
      level = parseCaseNo(ref.caseNo).level;
    } catch {
      return null;
    }
    if (level !== n.level) return null;
    const c = await ctx.cases.caseByNo.load(ref.caseNo);
    if (!c) return null;
    if (!phoneLast4Matches(c.applicantPhone, ref.phoneLast4)) return NOT_VERIFIED;
    const [events, hops, calendar, point] = await Promise.all([
      ctx.cases.eventsByCase.load(c.id), ctx.cases.hopsByCase.load(c.caseNo), ctx.cases.calendar(countyOfPoint(c.pointCode)), host.findPoint(ctx.em, c.pointCode),
    ]);
    return {
      verified: true,
      itemName: c.itemName,
      pointCode: c.pointCode,
      pointName: point?.centreName ?? c.pointCode,
      status: c.status,
      deadline: c.deadline,
      // No point records a contact phone yet; the field is there for when one does.
      contactPhone: null,
      complaintPhone: point?.complaintPhone ?? null,
      facts: caseFacts(c, events, hops, calendar),
    };
  };
}

/** `MyCaseTrack.<level>Point`: the point here a case was forwarded to, named for the applicant. */
export function myCasePointResolver(host: Pick<CasesHost, 'findPoint'>) {
  return async (ref: MyCaseRef, _: unknown, ctx: CasesRequestContext) => {
    const r = await ctx.cases.inboundByNo.load(ref.caseNo);
    if (!r) return null;
    const point = await host.findPoint(ctx.em, r.pointCode);
    return { code: r.pointCode, name: point?.centreName ?? r.pointCode, holds: r.status === 'RECEIVED' || r.status === 'ACCEPTED' };
  };
}

/** A lower level's resolvers for its contribution to MyCaseTrack. */
export function myCaseResolvers(n: LevelNames, host: Pick<CasesHost, 'findPoint'>) {
  return {
    MyCaseTrack: {
      __resolveReference: (ref: MyCaseRef) => ref,
      [`${n.field}Answer`]: myCaseAnswerResolver(n, host),
      ...(n.level !== 'VILLAGE' ? { [`${n.field}Point`]: myCasePointResolver(host) } : {}),
    },
  };
}
