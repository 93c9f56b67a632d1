import type { LevelSpec } from '@scf/domain';

/** Types every level declares identically, so composition merges them without hints. */
export const sharedDutyTypeDefs = /* GraphQL */ `
  "Which of the day's four punches (R25) a punch is, as the point's schedule places it."
  enum PunchKind {
    MORNING_IN
    MORNING_OUT
    AFTERNOON_IN
    AFTERNOON_OUT
    "Outside every punch window (a machine log may hold such taps); attendance leaves it aside."
    OUTSIDE_WINDOW
  }

  "A working day's attendance, computed from punches, leave, errands and the calendar (R26, R31, R38)."
  enum DayStatus {
    PRESENT
    LATE
    LEFT_EARLY
    MISSING_PUNCH
    "A session (morning or afternoon) with no punch and no leave: half a day's absence."
    ABSENT_HALF
    "A working day with no punch and no leave: a whole day's absence."
    ABSENT_DAY
    ON_LEAVE
    "A weekend or holiday in the point's working-day calendar (an adjusted working Saturday is a working day)."
    REST_DAY
    "A working day not over yet."
    UPCOMING
  }

  type Punch @shareable {
    "The instant, ISO 8601 in UTC."
    at: String!
    kind: PunchKind!
  }

  "What an import of a punch machine's log did: new punches written, and rows already there (or twice in the file)."
  type PunchImport @shareable {
    imported: Int!
    duplicates: Int!
  }

  "A point's working hours (HH:MM, China time) and attendance thresholds (R25, R26, R38)."
  type WorkSchedule @shareable {
    pointCode: ID!
    "False while the point keeps the county default."
    own: Boolean!
    morningStart: String!
    morningEnd: String!
    summerAfternoonStart: String!
    summerAfternoonEnd: String!
    winterAfternoonStart: String!
    winterAfternoonEnd: String!
    "The summer afternoon applies from this month to that month (5 and 10: May–October)."
    summerFromMonth: Int!
    summerToMonth: Int!
    "A punch-in counts from this many minutes before a session starts; a punch-out until this many after it ends."
    punchInEarlyMinutes: Int!
    punchOutLateMinutes: Int!
    lateGraceMinutes: Int!
    "Late arrivals plus early leaves in a month that make half a day's absence (county default 4)."
    lateEarlyHalfDayAt: Int!
    "The variant: this many or more make a whole day; null where not used."
    lateEarlyWholeDayAt: Int
    missingHalfDayAt: Int!
    missingWholeDayAt: Int!
    "Who set the point's own schedule, and when; null for the county default."
    setBy: String
    setByName: String
    setAt: String
  }

  "A change to a point's schedule: only the fields given change."
  input WorkScheduleInput {
    morningStart: String
    morningEnd: String
    summerAfternoonStart: String
    summerAfternoonEnd: String
    winterAfternoonStart: String
    winterAfternoonEnd: String
    summerFromMonth: Int
    summerToMonth: Int
    punchInEarlyMinutes: Int
    punchOutLateMinutes: Int
    lateGraceMinutes: Int
    lateEarlyHalfDayAt: Int
    lateEarlyWholeDayAt: Int
    "True: no whole-day variant (half a day only)."
    noLateEarlyWholeDay: Boolean
    missingHalfDayAt: Int
    missingWholeDayAt: Int
  }

  type AttendanceDay @shareable {
    date: String!
    working: Boolean!
    status: DayStatus!
    punches: [Punch!]!
    "Which punches and which rule gave the status, in Chinese."
    rule: String!
  }

  "A member of staff's month, computed (never typed in)."
  type AttendanceMonth @shareable {
    username: ID!
    name: String!
    pointCode: ID!
    month: String!
    workingDays: Int!
    lateCount: Int!
    earlyLeaveCount: Int!
    missingPunches: Int!
    "Days of absence, in halves: absent sessions and days, plus the monthly rules."
    absenceDays: Float!
    leaveDays: Float!
    "The monthly rules that added absence, in Chinese."
    monthRules: [String!]!
    days: [AttendanceDay!]!
  }

  "One member of staff's line in a point's month sheet."
  type AttendanceSheetRow @shareable {
    username: ID!
    name: String!
    "County window staff: their window unit; township staff: their desk; null in a village room."
    unit: String
    post: String
    workingDays: Int!
    lateCount: Int!
    earlyLeaveCount: Int!
    missingPunches: Int!
    absenceDays: Float!
    leaveDays: Float!
    monthRules: [String!]!
  }

  "A holder of a window (its A or B post), and whether they are at it now."
  type WindowHolderNow @shareable {
    username: ID!
    name: String!
    post: String
    present: Boolean!
  }

  "A window of a point now: covered while a session is under way only if someone holding it is at it."
  type WindowNow @shareable {
    id: ID!
    name: String!
    "The window unit (county hall) or desk (township); null for a village room."
    unit: String
    holders: [WindowHolderNow!]!
    covered: Boolean!
  }

  "Every window of a point, now (R24, R30: a window is never empty)."
  type WindowsNow @shareable {
    pointCode: ID!
    pointName: String!
    at: String!
    working: Boolean!
    "MORNING or AFTERNOON while a session is under way; null at lunch, after hours and on rest days (then every window counts as covered)."
    session: String
    windows: [WindowNow!]!
    uncovered: Int!
  }

  "A point's attendance for a month (R38 月汇总): every active member of staff, computed from the records."
  type AttendanceSheet @shareable {
    pointCode: ID!
    pointName: String!
    month: String!
    "The window unit or desk the sheet is for; null for the whole point."
    unit: String
    workingDays: Int!
    rows: [AttendanceSheetRow!]!
  }
`;

export function levelDutyTypeDefs(n: LevelSpec): string {
  return /* GraphQL */ `
  extend type Query {
    "The working hours of a ${n.label} (its own, or the county default). Anyone who reads the point."
    ${n.field}WorkSchedule(pointCode: ID!): WorkSchedule!
    "A member of staff's month at a ${n.label} (month: 2026-10). Themself, their point's director and supervisor, and those above."
    ${n.field}AttendanceMonth(username: ID!, month: String!): AttendanceMonth!
    "A ${n.label}'s month sheet (month: 2026-10), optionally one window unit's or desk's: the point's director and supervisor, and those above."
    ${n.field}AttendanceSheet(pointCode: ID!, month: String!, unit: String): AttendanceSheet!
    "Whether each window of a ${n.label} has its A or B holder at it now: anyone who reads the point."
    ${n.field}WindowsNow(pointCode: ID!): WindowsNow!
  }

  extend type Mutation {
    "Sets a ${n.label}'s own working hours and thresholds: the directors over it. Recorded with who and when."
    set${n.type}WorkSchedule(pointCode: ID!, input: WorkScheduleInput!): WorkSchedule!
    "A punch by the signed-in member of staff of a ${n.label}, at the server's time; its kind follows the schedule. Nobody punches for another (R38)."
    ${n.field}Punch: Punch!
    "Imports a punch machine's log for a ${n.label}: CSV with the header username,timestamp. All or nothing; importing it again changes nothing."
    import${n.type}Punches(pointCode: ID!, csv: String!): PunchImport!
  }
`;
}

/**
 * The shapes clients keep (issue 14), on the county subgraph: the gateway sends each to the level it is for
 * (gateway/src/level-routing.ts) — `punch` to the signed-in member of staff's level, the others to the
 * level of the point or username they name — so the county answers them only for its own points and staff.
 */
export const routedDutyTypeDefs = /* GraphQL */ `
  extend type Query {
    "The working hours of a point at any level (its own, or the county default). Anyone who reads the point."
    workSchedule(pointCode: ID!): WorkSchedule!
    "A member of staff's month at any level (month: 2026-10). Themself, their point's director and supervisor, and those above."
    attendanceMonth(username: ID!, month: String!): AttendanceMonth!
    "A point's month sheet at any level (month: 2026-10), optionally one window unit's or desk's: its director and supervisor, and those above."
    attendanceSheet(pointCode: ID!, month: String!, unit: String): AttendanceSheet!
    "Whether each window of a point at any level has its A or B holder at it now: anyone who reads the point."
    windowsNow(pointCode: ID!): WindowsNow!
  }

  extend type Mutation {
    "Sets a point's own working hours and thresholds: the directors over it. Recorded with who and when."
    setWorkSchedule(pointCode: ID!, input: WorkScheduleInput!): WorkSchedule!
    "A punch by the signed-in member of staff, at the server's time; its kind follows their point's schedule. Nobody punches for another (R38)."
    punch: Punch!
    "Imports a punch machine's log for a point: CSV with the header username,timestamp. All or nothing; importing it again changes nothing."
    importPunches(pointCode: ID!, csv: String!): PunchImport!
  }
`;

/** The level field each routed field becomes (the gateway's rewrite and the county's own answer). */
export const ROUTED_DUTY_FIELDS = {
  workSchedule: { by: 'pointCode', field: (n: Pick<LevelSpec, 'field' | 'type'>) => `${n.field}WorkSchedule` },
  attendanceMonth: { by: 'username', field: (n: Pick<LevelSpec, 'field' | 'type'>) => `${n.field}AttendanceMonth` },
  windowsNow: { by: 'pointCode', field: (n: Pick<LevelSpec, 'field' | 'type'>) => `${n.field}WindowsNow` },
  attendanceSheet: { by: 'pointCode', field: (n: Pick<LevelSpec, 'field' | 'type'>) => `${n.field}AttendanceSheet` },
  setWorkSchedule: { by: 'pointCode', field: (n: Pick<LevelSpec, 'field' | 'type'>) => `set${n.type}WorkSchedule` },
  punch: { by: 'actor', field: (n: Pick<LevelSpec, 'field' | 'type'>) => `${n.field}Punch` },
  importPunches: { by: 'pointCode', field: (n: Pick<LevelSpec, 'field' | 'type'>) => `import${n.type}Punches` },
} as const;
