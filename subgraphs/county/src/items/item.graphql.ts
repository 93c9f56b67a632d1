export const itemTypeDefs = /* GraphQL */ `
  extend type County {
    "The county's service item catalogue (事项目录). Withdrawn items are left out unless asked for."
    serviceItems(decidedAt: Level, includeWithdrawn: Boolean = false): [ServiceItem!]!
    "Active items the county centre may take in (its intake levels include COUNTY)."
    itemsTakenIn: [ServiceItem!]!
    "Active items the county centre decides."
    itemsDecided: [ServiceItem!]!
  }

  # For any township centre the county subgraph answers from its county's catalogue (the first 6 digits of its code).
  type Township @key(fields: "code") {
    code: ID!
    "Active items of its county this township centre may take in (R4)."
    itemsTakenIn: [ServiceItem!]!
    "Active items of its county decided at township level."
    itemsDecided: [ServiceItem!]!
  }

  # For any village room the county subgraph answers from its county's catalogue (the first 6 digits of its code).
  type Village @key(fields: "code") {
    code: ID!
    "Active items of its county this village room may take in and forward (代办, R4)."
    itemsTakenIn: [ServiceItem!]!
    "Active items of its county decided at village level."
    itemsDecided: [ServiceItem!]!
  }

  # CaseKind (办件类型, R10) comes from @scf/cases' shared SDL, which every level declares identically.

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
    "拼音首字母 of the name (结婚登记 → JHDJ), for finding an item by typing its initials."
    nameInitials: String!
    kind: CaseKind!
    legalBasis: String!
    decidingLevel: Level!
    decidingUnit: String!
    """
    The window unit of the county hall (e.g. 县应急管理局) or the desk of a township centre (e.g. 社保) that
    decides the item: at its deciding level only that unit's clerks and chief representative (and the
    centre's director) take its cases in, act on them and see their personal data whole. Null for an item a
    village room decides.
    """
    windowUnit: String
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
    "A withdrawn item takes no new cases; its open cases continue (R3)."
    withdrawn: Boolean!
    materials: [Material!]!
    county: County!
    "Every addition, change and withdrawal, oldest first, with who approved it and when (R3)."
    changes: [ItemChange!]!
  }

  enum ItemChangeAction {
    ADDED
    CHANGED
    WITHDRAWN
  }

  "One recorded change to an item (R3)."
  type ItemChange {
    action: ItemChangeAction!
    "What changed, e.g. \\"promisedLimitDays: 10 → 8\\"."
    changed: String!
    "The approving director's username."
    approvedBy: String!
    "The approving director, when they are still on the staff list."
    approver: CountyStaff
    "When it was approved, ISO 8601 (UTC)."
    approvedAt: String!
    note: String
  }

  input MaterialInput {
    name: String!
    form: MaterialForm!
    "At least 1."
    copies: Int! = 1
    note: String
  }

  "A new item's guide. intakeLevels defaults to all three levels (R4); fee defaults to 不收费."
  input ServiceItemInput {
    code: String!
    name: String!
    kind: CaseKind!
    legalBasis: String!
    decidingLevel: Level!
    decidingUnit: String!
    """
    The window unit (county item) or desk (township item) that decides it. A county item defaults to
    decidingUnit when the hall has a window unit of that name; a township item must name its desk; a
    village item has none.
    """
    windowUnit: String
    intakeLevels: [Level!]
    legalLimitDays: Int!
    "At most half of legalLimitDays (R2); 0 for an IMMEDIATE item."
    promisedLimitDays: Int!
    fee: String
    feeBasis: String
    procedure: String!
    contactPhone: String
    "At least one."
    materials: [MaterialInput!]!
  }

  "A change to an item's guide: only the fields given change; materials, when given, replace the whole list."
  input ServiceItemChange {
    code: String
    name: String
    kind: CaseKind
    legalBasis: String
    decidingLevel: Level
    decidingUnit: String
    windowUnit: String
    intakeLevels: [Level!]
    legalLimitDays: Int
    promisedLimitDays: Int
    fee: String
    feeBasis: String
    procedure: String
    contactPhone: String
    materials: [MaterialInput!]
  }

  extend type Mutation {
    """
    Adds an item to a county's catalogue (R3), approved by the signed-in DIRECTOR of that county's centre,
    who is recorded as the approver. Refused with BAD_USER_INPUT, naming the field, when
    anything is wrong — e.g. a promised limit over half the legal one (R2); nothing is written then.
    """
    addServiceItem(countyCode: ID!, input: ServiceItemInput!, note: String): ServiceItem!
    "Changes an item's guide (R3); the change log records what changed, who approved it and when."
    changeServiceItem(id: ID!, input: ServiceItemChange!, note: String): ServiceItem!
    "Withdraws an item (R3): it takes no new cases, its open cases continue, and it stays readable."
    withdrawServiceItem(id: ID!, reason: String!): ServiceItem!
  }
`;
