import { CASE_VIEW_SELECTION } from '@scf/cases';

// The county composes the journey from every level's view; the gateway fetches the lower levels' views first.
const requires = `@requires(fields: "villageView { ${CASE_VIEW_SELECTION} } townshipView { ${CASE_VIEW_SELECTION} }")`;

export const trackingTypeDefs = /* GraphQL */ `
  extend type Query {
    "Where a case is now and how it got there, whichever level took it in (R20). A malformed number is an error."
    trackCase(caseNo: ID!): CaseTrack!
  }

  type TrackPoint {
    code: String!
    name: String!
    level: Level!
  }

  type TrackActor {
    username: String!
    name: String!
  }

  "One hop of a case between levels: who moved it, from where to where, and why."
  type TrackHop {
    from: TrackPoint!
    to: TrackPoint!
    at: String!
    by: TrackActor!
    action: String!
    note: String
  }

  type CaseTrack @key(fields: "caseNo") {
    caseNo: ID!
    villageView: CaseView @external
    townshipView: CaseView @external
    "The case as the county centre holds it, if it ever did."
    countyView: CaseView
    "Whether any level knows this case number."
    found: Boolean! ${requires}
    item: ServiceItem ${requires}
    status: CaseStatus ${requires}
    "The level working on the case now."
    currentLevel: Level ${requires}
    currentPoint: TrackPoint ${requires}
    "Last day of the promised limit, counted on the origin's clock across every hop (R13)."
    deadline: String ${requires}
    light: Light ${requires}
    hops: [TrackHop!]! ${requires}
  }
`;
