import { invalid, parseCaseNo, type Level } from '@scf/domain';
import { applicantJourney, casesHostOf, LEVEL_NAMES, myCaseAnswerResolver, type ApplicantJourney, type MyCaseAnswer, type MyCaseRef } from '@scf/cases';
import { countyHost } from '../county.host.js';
import type { CountyContext } from '../context.js';
import { PublicTrackingGuard } from './public-tracking.limits.js';

/** The county's context as its server builds it: with the guard of this server's lookups. */
type Ctx = CountyContext & { publicTracking?: PublicTrackingGuard };

const countyAnswer = myCaseAnswerResolver(LEVEL_NAMES.COUNTY, casesHostOf(countyHost));
// Only a context built outside createServer (a unit test) lacks the server's guard.
let fallbackGuard: PublicTrackingGuard | undefined;
const guardOf = (ctx: Ctx) => ctx.publicTracking ?? (fallbackGuard ??= new PublicTrackingGuard());

interface MyCaseTrackRef extends MyCaseRef {
  villageAnswer?: MyCaseAnswer | null;
  townshipAnswer?: MyCaseAnswer | null;
  townshipPoint?: { code: string; name: string; holds: boolean } | null;
}

interface Shown extends ApplicantJourney {
  itemName: string | null;
  pointName: string | null;
  deadline: string | null;
  contactPhone: string | null;
  complaintPhone: string | null;
}

function checkCaseNo(value: string): string {
  try {
    parseCaseNo(value);
    return value.trim();
  } catch {
    return invalid('caseNo', `办件编号格式不正确，应如 140925100207-20260928-00001 / ${JSON.stringify(value)} is not a case number (<point code>-<YYYYMMDD>-<5-digit sequence>)`);
  }
}

function checkLast4(value: string): string {
  if (typeof value !== 'string' || !/^\d{4}$/.test(value.trim())) {
    invalid('phoneLast4', '请输入登记时所留电话号码的后4位数字 / must be the last 4 digits of the phone given at registration');
  }
  return value.trim();
}

const answers = new WeakMap<object, Promise<Shown | null>>();

/**
 * The applicant's answer, once per looked-up case per request: null (shown as found: false) for an unknown
 * number and for a wrong check alike. Either is a failure for the case number's limit.
 */
function shown(ref: MyCaseTrackRef, ctx: Ctx): Promise<Shown | null> {
  let a = answers.get(ref);
  if (!a) {
    a = (async () => {
      let level: Level;
      try {
        level = parseCaseNo(ref.caseNo).level;
      } catch {
        return null;
      }
      const origin = level === 'VILLAGE' ? ref.villageAnswer : level === 'TOWNSHIP' ? ref.townshipAnswer : await countyAnswer(ref, {}, ctx);
      guardOf(ctx).settle(ref.caseNo, !!origin?.verified);
      if (!origin?.verified) return null;

      const countyCode = ref.caseNo.slice(0, 6);
      const facts = origin.facts ?? [];
      const countyCodes = [...new Set([countyCode, ...facts.flatMap((f) => [f.fromPointCode, f.toPointCode]).filter((c): c is string => c?.length === 6)])];
      const [counties, inbound] = await Promise.all([
        Promise.all(countyCodes.map((c) => ctx.loaders.pointByCode.load(c))),
        level === 'COUNTY' ? Promise.resolve(null) : ctx.cases.inboundByNo.load(ref.caseNo),
      ]);
      const names = new Map<string, string>();
      for (const c of counties) if (c) names.set(c.code, c.centreName);
      if (ref.townshipPoint) names.set(ref.townshipPoint.code, ref.townshipPoint.name);
      // Where a forwarded case is being worked on now: the county, the township, or (in transit) where it was sent.
      const countyHolds = inbound?.status === 'RECEIVED' || inbound?.status === 'ACCEPTED';
      const heldAt = countyHolds ? (names.get(inbound!.pointCode) ?? null) : ref.townshipPoint?.holds ? ref.townshipPoint.name : null;
      const journey = applicantJourney(
        { itemName: origin.itemName ?? '', pointCode: origin.pointCode ?? '', pointName: origin.pointName ?? '', status: origin.status ?? '', deadline: origin.deadline, facts },
        { nameOf: (code) => names.get(code), heldAt },
      );
      const countyRow = counties.find((c) => c?.code === countyCode);
      return {
        ...journey,
        itemName: origin.itemName,
        pointName: origin.pointName,
        deadline: origin.deadline,
        contactPhone: origin.contactPhone,
        // Complaints are taken at the county centre (R23): its phone where the point has none.
        complaintPhone: origin.complaintPhone ?? countyRow?.complaintPhone ?? '12345',
      };
    })();
    answers.set(ref, a);
  }
  return a;
}

const field = <K extends keyof Shown>(k: K, empty: Shown[K] | null) => async (ref: MyCaseTrackRef, _: unknown, ctx: Ctx) => (await shown(ref, ctx))?.[k] ?? empty;

export const publicTrackingResolvers = {
  Query: {
    trackMyCase(_: unknown, args: { caseNo: string; phoneLast4: string }, ctx: Ctx): MyCaseRef {
      const caseNo = checkCaseNo(args.caseNo);
      const phoneLast4 = checkLast4(args.phoneLast4);
      guardOf(ctx).admit(ctx.actor ? `staff:${ctx.actor.username}` : `ip:${ctx.clientIp ?? 'unknown'}`, caseNo);
      return { caseNo, phoneLast4 };
    },
  },
  MyCaseTrack: {
    __resolveReference: (ref: MyCaseTrackRef) => ref,
    found: async (ref: MyCaseTrackRef, _: unknown, ctx: Ctx) => !!(await shown(ref, ctx)),
    itemName: field('itemName', null),
    pointName: field('pointName', null),
    statusText: field('statusText', null),
    deadline: field('deadline', null),
    steps: field('steps', []),
    contactPhone: field('contactPhone', null),
    complaintPhone: field('complaintPhone', null),
    whatToBring: field('whatToBring', []),
  },
};
