/**
 * The counters every row of the dashboard carries — a point, an item, a unit or the whole level. What each one
 * means, and why, is written at the top of figures.ts.
 */
export const COUNTERS = [
  'received',
  'accepted',
  'finished',
  'immediate',
  'promisedFinished',
  'onTime',
  'early',
  'overdueFinished',
  'overdueNow',
  'evaluated',
  'satisfied',
  'online',
  'forwardedOut',
  'delegatedIn',
] as const;

export type Counter = (typeof COUNTERS)[number];
export type Counts = Record<Counter, number>;

export function emptyCounts(): Counts {
  return {
    received: 0, accepted: 0, finished: 0, immediate: 0, promisedFinished: 0, onTime: 0, early: 0, overdueFinished: 0,
    overdueNow: 0, evaluated: 0, satisfied: 0, online: 0, forwardedOut: 0, delegatedIn: 0,
  };
}

export function addCounts(into: Counts, part: Partial<Counts>): void {
  for (const c of COUNTERS) into[c] += part[c] ?? 0;
}
