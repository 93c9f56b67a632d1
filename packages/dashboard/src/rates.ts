import type { Counts } from './counts.js';

/**
 * The R37 rates of any row (a point, an item, a unit or the whole level), as fractions 0…1 — rounding and the
 * percent sign are the screen's business. A rate whose denominator is 0 is null, never 0: "no promised case
 * finished this month" is not "0% on time", and a screen must be able to tell the two apart.
 *
 * Definitions of the counters are at the top of figures.ts; the choices specific to the rates:
 * - immediateRate = immediate / received (即办件率). Both sides are cases received in the period, so the rate
 *   is "what share of what came in was an on-the-spot matter". (The seed's district figure, 155,400 of
 *   318,022 = 48.9%, is quoted there as 49.4%, which is 155,400 / 314,669 finished: that district divided by
 *   finished cases. We follow the brief; divide by `finished` instead if the county wants the seed's figure.)
 * - onTimeRate = onTime / promisedFinished (承诺期办结率): finished within the promise, early ones included.
 * - earlyRate = early / promisedFinished (提前办结率).
 * - dailyAverage = received / workingDays: the centre's windows open on working days, so that is the
 *   capacity the figure speaks to. Cases received on a non-working day (appointments, R16) still count in
 *   the numerator. (The seed's "883 a day" is 318,022 / 360, i.e. per calendar day.)
 * - participation = evaluated / finished (评价参与率, R22): a case can only be evaluated once it is finished.
 * - satisfaction = satisfied / evaluated (满意率).
 * - onlineShare = online / received (网办占比).
 */
export interface Rates {
  immediateRate: number | null;
  onTimeRate: number | null;
  earlyRate: number | null;
  dailyAverage: number | null;
  participation: number | null;
  satisfaction: number | null;
  onlineShare: number | null;
}

type RateInputs = Pick<Counts, 'received' | 'immediate' | 'promisedFinished' | 'onTime' | 'early' | 'finished' | 'evaluated' | 'satisfied' | 'online'>;

function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

export function rates(counts: RateInputs, workingDays: number): Rates {
  return {
    immediateRate: ratio(counts.immediate, counts.received),
    onTimeRate: ratio(counts.onTime, counts.promisedFinished),
    earlyRate: ratio(counts.early, counts.promisedFinished),
    dailyAverage: ratio(counts.received, workingDays),
    participation: ratio(counts.evaluated, counts.finished),
    satisfaction: ratio(counts.satisfied, counts.evaluated),
    onlineShare: ratio(counts.online, counts.received),
  };
}
