export const calendarTypeDefs = /* GraphQL */ `
  extend type Query {
    """
    The day that is \`days\` working days after \`date\` at a county's centres (R13: counting starts the day
    after; weekends and public holidays are skipped, adjusted working days 调休 count). \`days: 0\` is the date
    itself. E.g. workingDaysAfter(date: "2026-09-30", days: 3) is "2026-10-10".
    Every calendar question is about one county (its own entries over the library calendar): \`countyCode\`,
    by default the signed-in member of staff's county; an anonymous caller names it.
    """
    workingDaysAfter(date: String!, days: Int!, countyCode: ID): String!
    "Whether a day is a working day at a county's centres, and why."
    calendarDay(date: String!, countyCode: ID): CalendarDay!
    "A county's own calendar entries over the library calendar, by date; one year when given."
    calendarOverrides(year: Int, countyCode: ID): [CalendarOverride!]!
    "Years a county's calendar knows the holiday schedule of (library or its entries); other years fall back to Monday–Friday."
    calendarYears(countyCode: ID): [Int!]!
  }

  enum CalendarSource {
    "A centre's own entry (setCalendarDay)."
    OVERRIDE
    "The State Council schedule, from the calendar library."
    LIBRARY
    "A year nobody has entered yet: Monday–Friday work, weekends do not."
    WEEKDAY_RULE
  }

  type CalendarDay {
    date: String!
    working: Boolean!
    "The holiday or adjusted working day, e.g. 国庆节 or 国庆节调休上班."
    name: String
    source: CalendarSource!
  }

  type CalendarOverride {
    "The county whose centres the entry is for."
    countyCode: ID!
    date: String!
    working: Boolean!
    name: String
    "The director's username."
    setBy: String!
    "ISO 8601 (UTC)."
    setAt: String!
  }

  extend type Mutation {
    """
    Declares a day working or not at one county's centres — e.g. next year's holidays and adjusted working
    days, before the library knows them. Only that county centre's DIRECTOR (countyCode defaults to theirs;
    another county's is FORBIDDEN), who is recorded as setBy. Only that county's deadlines count with it.
    Replicates to its township and village databases.
    """
    setCalendarDay(date: String!, working: Boolean!, name: String, countyCode: ID): CalendarDay!
    "Removes a county's entry: the day is again what the library says there. Returns the day as it now is."
    clearCalendarDay(date: String!, countyCode: ID): CalendarDay!
  }
`;
