import type { EntityManager } from '@mikro-orm/knex';
import { parseDate, validateDivisionCode, type DateString } from '@scf/domain';

export interface ComplaintCount {
  pointCode: string;
  /** Complaints received in the period about this point. */
  received: number;
  /** Of those, closed as verified (each cost the point or its unit points). */
  verified: number;
  /** Of those, still awaiting an answer (status OPEN). */
  open: number;
  /** Of those, not yet closed (OPEN or ANSWERED). */
  unclosed: number;
  /** Points deducted for them (R22/R33: 5 each, 10 with serious impact). */
  pointsDeducted: number;
}

/**
 * Complaint figures per point for the county dashboard (R37 "complaints"), for complaints received from `from`
 * to `to` inclusive (China days, YYYY-MM-DD). One grouped SQL statement, whatever the number of points.
 */
export async function complaintCounts(em: EntityManager, args: { countyCode: string; from: DateString; to: DateString }): Promise<ComplaintCount[]> {
  const countyCode = validateDivisionCode(args.countyCode, 'COUNTY', 'countyCode');
  const from = parseDate(args.from, 'from');
  const to = parseDate(args.to, 'to');
  const rows = await em.getConnection().execute<Record<string, unknown>[]>(
    `select point_code,
            count(*) as received,
            sum(case when verified = 1 then 1 else 0 end) as verified,
            sum(case when status = 'OPEN' then 1 else 0 end) as open_count,
            sum(case when status <> 'CLOSED' then 1 else 0 end) as unclosed,
            sum(points_deducted) as points
       from complaint
      where county_code = ? and received_on >= ? and received_on <= ?
      group by point_code
      order by point_code`,
    [countyCode, from, to], 'all', em.getTransactionContext(),
  );
  // MySQL returns SUM() as a decimal string, libSQL as a number.
  return rows.map((r) => ({
    pointCode: String(r.point_code),
    received: Number(r.received),
    verified: Number(r.verified ?? 0),
    open: Number(r.open_count ?? 0),
    unclosed: Number(r.unclosed ?? 0),
    pointsDeducted: Number(r.points ?? 0),
  }));
}
