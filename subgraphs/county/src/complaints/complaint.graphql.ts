export const complaintTypeDefs = /* GraphQL */ `
  "How a complaint reached the centre (R23); the same words say how it was answered."
  enum ComplaintChannel {
    "口头: in person"
    ORAL
    "电话"
    PHONE
    "书面: a letter or form; gets a written reply"
    WRITTEN
    "网上"
    ONLINE
  }

  "What a complaint is about (R23)."
  enum ComplaintCategory {
    "作风纪律"
    CONDUCT
    "服务态度"
    ATTITUDE
    "办事质量"
    QUALITY
    "廉洁"
    INTEGRITY
  }

  enum ComplaintStatus {
    "Received, not yet answered."
    OPEN
    "Answered, awaiting the supervision office's finding."
    ANSWERED
    "Closed with a finding (verified or not)."
    CLOSED
  }

  enum ComplaintStep {
    FILED
    ANSWERED
    CLOSED
  }

  "One step of a complaint, with who took it and when."
  type ComplaintEvent {
    step: ComplaintStep!
    "ISO 8601 (UTC)."
    at: String!
    "Username of the member of staff."
    by: String!
    byName: String!
    note: String
  }

  """
  投诉 (R23): a complaint about staff of any level of the county, kept by the county centre's supervision
  office. The complainant's identity is confidential: complainantName and complainantPhone are given to the
  county's SUPERVISORs only; anyone else gets null there and complainantConfidential: true.
  """
  type Complaint {
    "E.g. TS-140925-20261123-0001: county, day received, the county's sequence of the day."
    number: ID!
    county: County!
    "The point complained about: the county centre (6 digits), a township centre (9) or a village room (12)."
    pointCode: ID!
    pointLevel: Level!
    "The window unit complained about, when known."
    unit: String
    "Username of the member of staff complained about, when known."
    staffUsername: String
    channel: ComplaintChannel!
    category: ComplaintCategory!
    content: String!
    "The case it concerns, if any."
    caseNo: String
    "Supervisors only (R23); null for everyone else, and null when the complainant gave no name."
    complainantName: String
    "Supervisors only (R23); null for everyone else."
    complainantPhone: String
    "True when the complainant's identity is withheld from you (you are not a supervisor of this county)."
    complainantConfidential: Boolean!
    unitsInvolved: Int!
    "ISO 8601 (UTC)."
    receivedAt: String!
    "The day received, China time (YYYY-MM-DD)."
    receivedOn: String!
    "Username of the member of staff who recorded it."
    receivedBy: String!
    """
    The last day to answer (R23): the next working day for a simple complaint, 5 working days when two or
    more units are involved, on the working-day calendar.
    """
    answerDue: String!
    "Still unanswered after answerDue (as of today, China time)."
    overdue: Boolean!
    status: ComplaintStatus!
    "Changes with every step; give it back as expectedVersion."
    version: Int!
    answer: String
    answeredAt: String
    answeredBy: String
    replyForm: ComplaintChannel
    "Whether it was answered by answerDue; null until answered."
    answeredOnTime: Boolean
    "The finding at closing; null until closed."
    verified: Boolean
    seriousImpact: Boolean
    "Points the complaint cost the unit or point (R22/R33): 5 when verified, 10 with serious impact, else 0."
    pointsDeducted: Int!
    closedAt: String
    closedBy: String
    "Filed, answered, closed — oldest first."
    history: [ComplaintEvent!]!
  }

  extend type County {
    """
    Complaints about the county's staff at every level, newest first; open ones stay listed until closed.
    status takes one status or a list (default: all); overdueOnly keeps the unanswered ones past their day;
    pointCode keeps those about that point and the points under it. SUPERVISORs and DIRECTORs of the county centre only.
    """
    complaints(status: [ComplaintStatus!], overdueOnly: Boolean = false, pointCode: ID): [Complaint!]!
  }

  extend type Query {
    "A complaint of your county by number; SUPERVISORs and DIRECTORs of the county centre only. Null when there is none."
    complaint(number: ID!): Complaint
  }

  input FileComplaintInput {
    "The point complained about: the county (6 digits), a township (9) or a village (12) of your county."
    pointCode: ID!
    "A window unit of the county centre (by name); inferred from staffUsername at the county when left out."
    unit: String
    staffUsername: String
    channel: ComplaintChannel!
    category: ComplaintCategory!
    "5–2000 characters."
    content: String!
    caseNo: String
    "Optional: a complainant may stay anonymous."
    complainantName: String
    complainantPhone: String
    "Units the complaint involves; 2 or more gives 5 working days to answer instead of 1."
    unitsInvolved: Int = 1
  }

  input AnswerComplaintInput {
    number: ID!
    "The version you read; refused with CONFLICT if the complaint changed since."
    expectedVersion: Int
    "2–2000 characters."
    answer: String!
    "A WRITTEN complaint needs a WRITTEN reply (R23)."
    replyForm: ComplaintChannel!
  }

  input CloseComplaintInput {
    number: ID!
    expectedVersion: Int
    "Whether the complaint was found true. A verified complaint costs its unit 5 points (R22, R33)."
    verified: Boolean!
    "10 points instead of 5; only for a verified complaint."
    seriousImpact: Boolean = false
    note: String
  }

  extend type Mutation {
    """
    Records a complaint received orally, by phone, in writing or online (R23). Any signed-in member of the county
    centre's staff; the complaint is recorded in their county. Bad input is refused with BAD_USER_INPUT
    naming the field, and nothing is written.
    """
    fileComplaint(input: FileComplaintInput!): Complaint!
    "The supervision office's answer. SUPERVISOR of the county only."
    answerComplaint(input: AnswerComplaintInput!): Complaint!
    "Closes an answered complaint with its finding. SUPERVISOR of the county only."
    closeComplaint(input: CloseComplaintInput!): Complaint!
  }
`;
