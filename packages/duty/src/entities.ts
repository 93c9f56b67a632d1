import { EntitySchema } from '@mikro-orm/core';

/** A point's own schedule and thresholds (R25, R26); a point without a row keeps the county default. */
export interface ScheduleRow {
  pointCode: string;
  morningStart: number;
  morningEnd: number;
  summerAfternoonStart: number;
  summerAfternoonEnd: number;
  winterAfternoonStart: number;
  winterAfternoonEnd: number;
  summerFromMonth: number;
  summerToMonth: number;
  punchInEarlyMinutes: number;
  punchOutLateMinutes: number;
  lateGraceMinutes: number;
  lateEarlyHalfDayAt: number;
  lateEarlyWholeDayAt: number | null;
  missingHalfDayAt: number;
  missingWholeDayAt: number;
  setByUsername: string;
  setByName: string;
  setAt: Date;
}

/** One punch: from the window app (the signed-in member of staff, server time) or a punch machine's log. */
export interface PunchRow {
  id: number;
  username: string;
  pointCode: string;
  at: Date;
  /** The kind it was given when made or imported; attendance classifies again with the schedule of the day. */
  kind: string;
  source: 'APP' | 'IMPORT';
  createdAt: Date;
}

export const SCHEDULE = 'DutySchedule';
export const PUNCH = 'DutyPunch';

export function dutyEntities(): EntitySchema<any>[] {
  const int = { type: 'integer' } as const;
  return [
    new EntitySchema<ScheduleRow>({
      name: SCHEDULE,
      tableName: 'duty_schedule',
      properties: {
        pointCode: { type: 'string', length: 12, primary: true },
        morningStart: int,
        morningEnd: int,
        summerAfternoonStart: int,
        summerAfternoonEnd: int,
        winterAfternoonStart: int,
        winterAfternoonEnd: int,
        summerFromMonth: int,
        summerToMonth: int,
        punchInEarlyMinutes: int,
        punchOutLateMinutes: int,
        lateGraceMinutes: int,
        lateEarlyHalfDayAt: int,
        lateEarlyWholeDayAt: { type: 'integer', nullable: true },
        missingHalfDayAt: int,
        missingWholeDayAt: int,
        setByUsername: { type: 'string', length: 64 },
        setByName: { type: 'string', length: 64 },
        setAt: { type: 'datetime', length: 3 },
      },
    }),
    new EntitySchema<PunchRow>({
      name: PUNCH,
      tableName: 'duty_punch',
      properties: {
        id: { type: 'integer', primary: true, autoincrement: true },
        username: { type: 'string', length: 64 },
        pointCode: { type: 'string', length: 12 },
        at: { type: 'datetime', length: 3 },
        kind: { type: 'string', length: 16 },
        source: { type: 'string', length: 8 },
        createdAt: { type: 'datetime', length: 3 },
      },
    }),
  ];
}
