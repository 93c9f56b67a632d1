import { DASHBOARD_DATA_SELECTION } from '@scf/dashboard';

// The county adds up every level's figures; the gateway fetches the lower levels' data first.
const requires = `@requires(fields: "townshipData { ${DASHBOARD_DATA_SELECTION} } villageData { ${DASHBOARD_DATA_SELECTION} }")`;

export const dashboardTypeDefs = /* GraphQL */ `
  extend type Query {
    """
    The county dashboard (R37) for a period (at most 366 days, both days included): figures for the whole
    county, each township with its villages, each window unit and each item, the daily trend and the red and
    yellow cases open now at every level. For the county centre's staff.
    """
    countyDashboard(code: ID!, from: String!, to: String!): CountyDashboard!
  }

  "The R37 figures of one row. Rates are fractions 0…1, null when there is nothing to divide by."
  type DashboardFigures {
    "收件: cases taken in during the period"
    received: Int!
    "受理"
    accepted: Int!
    "办结: decided (granted or refused) in the period"
    finished: Int!
    "即办件 received"
    immediate: Int!
    "Finished cases that had a promised deadline"
    promisedFinished: Int!
    "Of those, finished by the deadline (early ones included)"
    onTime: Int!
    "Of those, finished before the deadline day"
    early: Int!
    overdueFinished: Int!
    "Open cases past their deadline today, whatever the period"
    overdueNow: Int!
    evaluated: Int!
    "非常满意, 满意 or 基本满意"
    satisfied: Int!
    "Received online"
    online: Int!
    "Taken in here and sent up to another level"
    forwardedOut: Int!
    "Forwarded here by a lower level: work done for other levels' cases"
    delegatedIn: Int!
    "Complaints received about the row's points in the period (R23)"
    complaints: Int!
    "即办件率 = immediate / received"
    immediateRate: Float
    "承诺期办结率 = onTime / promisedFinished"
    onTimeRate: Float
    "提前办结率 = early / promisedFinished"
    earlyRate: Float
    "received per working day of the period so far"
    dailyAverage: Float
    "评价参与率 = evaluated / finished"
    participationRate: Float
    "满意率 = satisfied / evaluated"
    satisfactionRate: Float
    "网办占比 = online / received"
    onlineShare: Float
  }

  "A township with its villages, or a village."
  type DashboardArea {
    code: ID!
    name: String!
    level: Level!
    "Everything taken in here and, for a township, in its villages."
    totals: DashboardFigures!
    "A township centre's own intake (its villages left out); a village's is its totals."
    centre: DashboardFigures!
    villages: [DashboardArea!]!
  }

  type DashboardUnit {
    "The deciding unit (window unit at the county, e.g. 县应急管理局)."
    name: String!
    totals: DashboardFigures!
  }

  type DashboardItem {
    code: String!
    name: String!
    totals: DashboardFigures!
  }

  type DashboardDay {
    date: String!
    received: Int!
    finished: Int!
  }

  type DashboardAlert {
    caseNo: ID!
    level: Level!
    pointCode: String!
    pointName: String!
    itemName: String!
    unit: String!
    status: CaseStatus!
    deadline: String!
    light: Light!
  }

  type DashboardAlerts {
    "Every red case now, at every level"
    red: Int!
    "Every yellow case now"
    yellow: Int!
    "Red first, then the earliest deadline; at most 200"
    cases: [DashboardAlert!]!
  }

  type CountyDashboard @key(fields: "code from to") {
    code: ID!
    from: String!
    to: String!
    townshipData: DashboardLevelData @external
    villageData: DashboardLevelData @external
    name: String! ${requires}
    "The day the open-case figures are as of."
    today: String! ${requires}
    "Working days of the period up to today."
    workingDays: Int! ${requires}
    "The whole county, every level."
    totals: DashboardFigures! ${requires}
    "Per level: the county centre, all township centres, all village rooms."
    levels: [DashboardLevelTotals!]! ${requires}
    "The county centre's own intake."
    centre: DashboardFigures! ${requires}
    townships: [DashboardArea!]! ${requires}
    "One township, or one village, with its figures (drill-down)."
    area(code: ID!): DashboardArea ${requires}
    units: [DashboardUnit!]! ${requires}
    items: [DashboardItem!]! ${requires}
    daily: [DashboardDay!]! ${requires}
    alerts: DashboardAlerts! ${requires}
  }

  type DashboardLevelTotals {
    level: Level!
    totals: DashboardFigures!
  }
`;
