export const itemTypeDefs = /* GraphQL */ `
  extend type County {
    "The county's service item catalogue (事项目录). Withdrawn items are left out unless asked for."
    serviceItems(decidedAt: Level, includeWithdrawn: Boolean = false): [ServiceItem!]!
  }

  "办件类型 (DOMAIN R10)."
  enum CaseKind {
    "即办件 — done on the spot"
    IMMEDIATE
    "承诺件 — done within the promised days"
    PROMISED
    "联办件 — several departments in parallel"
    JOINT
    "报批件 — goes to a higher level"
    REPORTED
    "答复件 — cannot be granted; explained or answered in writing"
    REPLY
  }

  enum MaterialForm {
    ORIGINAL
    COPY
    ORIGINAL_AND_COPY
  }

  "A required material of an item's guide."
  type Material {
    name: String!
    form: MaterialForm!
    copies: Int!
    note: String
  }

  "A catalogued service item and its published guide (办事指南, DOMAIN R1)."
  type ServiceItem @key(fields: "id") {
    id: ID!
    code: String!
    name: String!
    kind: CaseKind!
    legalBasis: String!
    decidingLevel: Level!
    decidingUnit: String!
    "Levels that may take the item in."
    intakeLevels: [Level!]!
    "法定时限, working days."
    legalLimitDays: Int!
    "承诺时限, working days; 0 means done on the spot."
    promisedLimitDays: Int!
    fee: String!
    feeBasis: String
    procedure: String!
    contactPhone: String
    withdrawn: Boolean!
    materials: [Material!]!
    county: County!
  }
`;
