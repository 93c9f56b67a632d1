export const calendarTypeDefs = /* GraphQL */ `
  extend type Query {
    """
    The day that is \`days\` working days after \`date\` (R13: counting starts the day after; weekends and public
    holidays are skipped, adjusted working days 调休 count). \`days: 0\` is the date itself.
    E.g. workingDaysAfter(date: "2026-09-30", days: 3) is "2026-10-10".
    """
    workingDaysAfter(date: String!, days: Int!): String!
    "Whether a day is a working day at the centres, and why."
    calendarDay(date: String!): CalendarDay!
    "The centre's own calendar entries over the library calendar, by date; one year when given."
    calendarOverrides(year: Int): [CalendarOverride!]!
    "Years the calendar knows the holiday schedule of (library or overrides); other years fall back to Monday–Friday."
    calendarYears: [Int!]!
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
    Declares a day working or not — e.g. next year's holidays and adjusted working days, before the library
    knows them. Only the county centre's DIRECTOR, who is recorded as setBy. Replicates to township and village databases.
    """
    setCalendarDay(date: String!, working: Boolean!, name: String): CalendarDay!
    "Removes a centre's entry: the day is again what the library says. Returns the day as it now is."
    clearCalendarDay(date: String!): CalendarDay!
  }
`;
