import type { LevelNames } from './level.js';

/**
 * Types every level declares identically (composition merges them without hints): the case vocabulary,
 * inputs, and value types marked @shareable because each subgraph resolves them for its own cases.
 */
export const sharedCaseTypeDefs = /* GraphQL */ `
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

  "Where a case is in its lifecycle (DOMAIN R12)."
  enum CaseStatus {
    REGISTERED
    SUPPLEMENT_REQUESTED
    NOT_ACCEPTED
    ACCEPTED
    SUSPENDED
    FORWARDED
    DECIDED
    DELIVERED
    EVALUATED
    CLOSED
    WITHDRAWN
  }

  "What a window can do to a case it took in. Results and returns arrive from the other levels."
  enum CaseAction {
    requestSupplement
    supplySupplement
    accept
    notAccept
    suspend
    resume
    "上报: send the case up to the level that decides it (R17); the case waits there, this point stays the applicant's contact."
    forward
    decide
    deliver
    evaluate
    close
    withdraw
  }

  "电子监察 light of an open case (R15)."
  enum Light {
    GREEN
    YELLOW
    RED
  }

  "提前 / 按时 / 超期 办结 (R14)."
  enum CompletionTiming {
    EARLY
    ON_TIME
    OVERDUE
  }

  enum ApplicantType {
    PERSON
    ORGANISATION
  }

  enum IntakeChannel {
    WINDOW
    ONLINE
    APPOINTMENT
  }

  enum DecisionOutcome {
    GRANTED
    REFUSED
  }

  enum DeliveryMethod {
    PICKUP
    MAIL
    ELECTRONIC
  }

  "Special procedures that stop the clock (R12)."
  enum SuspensionReason {
    ON_SITE_INSPECTION
    EXPERT_REVIEW
    PUBLIC_NOTICE
    HEARING
  }

  "好差评: the national five-level scale (R21)."
  enum EvaluationLevel {
    VERY_SATISFIED
    SATISFIED
    BASICALLY_SATISFIED
    DISSATISFIED
    VERY_DISSATISFIED
  }

  enum NoticeKind {
    "受理通知书"
    ACCEPTANCE
    "一次性告知书 (补正材料通知书)"
    SUPPLEMENT
    "不予受理通知书"
    NOT_ACCEPTED
    "不予许可决定书"
    REFUSAL
    "送达回证: who received the result, how, when and where, with lines to sign"
    DELIVERY
  }

  input ApplicantInput {
    type: ApplicantType!
    name: String!
    "18-digit resident ID (GB 11643), for a person."
    idNumber: String
    "18-character unified social credit code (GB 32100), for an organisation."
    creditCode: String
    phone: String!
  }

  "代办人: someone applying on the applicant's behalf, with an entrustment letter (R6)."
  input AgentInput {
    name: String!
    idNumber: String!
    phone: String!
    "Reference of the entrustment letter (委托书)."
    entrustmentRef: String!
  }

  input RegisterCaseInput {
    "The point taking the case in."
    pointCode: ID!
    itemId: ID!
    applicant: ApplicantInput!
    agent: AgentInput
    "Positions (1-based) of the item's materials the applicant brought."
    materialsReceived: [Int!]! = []
    channel: IntakeChannel = WINDOW
    "A client-chosen key: registering again with the same key returns the same case instead of a second one."
    idempotencyKey: String
  }

  input MissingMaterialInput {
    name: String!
    "What is wrong with it (e.g. 复印件不清晰); omitted means it is missing."
    problem: String
  }

  input CaseActionInput {
    caseNo: ID!
    "The case version the clerk is looking at; if someone else changed it since, the action is refused."
    expectedVersion: Int!
    action: CaseAction!
    note: String
    reason: String
    "requestSupplement: everything missing, at once (R9). Omitted: the materials not received."
    missingMaterials: [MissingMaterialInput!]
    "supplySupplement: positions of materials now received."
    materialsSupplied: [Int!]
    outcome: DecisionOutcome
    deliveryMethod: DeliveryMethod
    suspensionReason: SuspensionReason
    evaluation: EvaluationLevel
    "forward: the township or county to send the case to."
    toPointCode: ID
  }

  "What the receiving level does with a forwarded case (R18)."
  enum ForwardedCaseAction {
    accept
    decide
    "退回: send it back to the level that forwarded it, with a reason"
    returnDown
    "send it on up (a township forwarding to the county)"
    forward
    "ask for more materials: the request travels to the origin, which issues the one-time notification (R9, R18)"
    requestSupplement
  }

  "Where a forwarded case stands at the level that received it."
  enum ForwardedStatus {
    RECEIVED
    ACCEPTED
    DECIDED
    RETURNED
    FORWARDED
    SUPPLEMENT_REQUESTED
    "撤回: the origin withdrew it while it was here; nobody may act on it any more"
    WITHDRAWN
  }

  "Where a hand-over to another level is, at the level that sent it (R19)."
  enum HandoverStatus {
    "waiting for (another) delivery attempt"
    PENDING
    "the receiving level took it"
    DELIVERED
    "the receiving level refused it for good: it waits for a director to requeue or abandon it, and holds back the case's later hand-overs"
    FAILED
    "a director gave it up"
    ABANDONED
  }

  enum HandoverKind {
    "上报"
    FORWARD
    "办理结果 sent back to the origin"
    RESULT
    "退回 to the level that forwarded it"
    RETURN
    "补正要求 sent to the origin"
    SUPPLEMENT
    "撤回 travelling up to whoever holds the case"
    WITHDRAW
  }

  "A director's decision on a refused hand-over."
  type HandoverReview @shareable {
    "requeue or abandon"
    action: String!
    by: String!
    byName: String!
    reason: String!
    at: String!
  }

  "One hand-over this level sent, as its outbox holds it."
  type Handover @shareable {
    messageId: ID!
    caseNo: String!
    kind: HandoverKind!
    "The receiving level."
    to: Level!
    status: HandoverStatus!
    "Delivery attempts so far."
    attempts: Int!
    "Why the last attempt failed: the receiving level's refusal in its own words, or what went wrong on the way."
    lastError: String
    "The receiving level's refusal code (e.g. HANDOVER_WRONG_STATE) when it refused."
    refusalCode: String
    createdAt: String!
    deliveredAt: String
    "Who requeued or abandoned it, and why, oldest first."
    reviews: [HandoverReview!]!
  }

  input HandoverReviewInput {
    messageId: ID!
    "Why: kept with the decision (at most 500 characters)."
    reason: String!
  }

  input ForwardedCaseActionInput {
    caseNo: ID!
    expectedVersion: Int!
    action: ForwardedCaseAction!
    outcome: DecisionOutcome
    reason: String
    note: String
    toPointCode: ID
    missingMaterials: [MissingMaterialInput!]
  }

  "The applicant. ID number and phone are masked (140925********1234, 139****5678) unless the reader handles the case and is looking at it on its own; every whole read is recorded."
  type Applicant @shareable {
    type: ApplicantType!
    name: String!
    idNumber: String
    creditCode: String
    phone: String!
    "True when idNumber and phone are masked."
    masked: Boolean!
  }

  type Agent @shareable {
    name: String!
    idNumber: String!
    phone: String!
    entrustmentRef: String!
    masked: Boolean!
  }

  "A recorded read of a case's whole personal data: who, when, which case, which fields."
  type PersonalDataRead @shareable {
    at: String!
    username: String!
    staffName: String!
    staffPointCode: String!
    caseNo: String!
    fields: [String!]!
  }

  "A service point as staff read it: the centre or room by name, with its code."
  type CasePoint @shareable {
    code: String!
    name: String!
  }

  type CaseMaterial @shareable {
    position: Int!
    name: String!
    form: String!
    copies: Int!
    received: Boolean!
  }

  type MissingMaterial @shareable {
    name: String!
    problem: String
  }

  "One recorded step of a case: who, when, where, why (R12)."
  type CaseEvent @shareable {
    action: String!
    actionLabel: String!
    fromStatus: CaseStatus
    toStatus: CaseStatus!
    at: String!
    by: String!
    byName: String!
    pointCode: String!
    reason: String
    note: String
    missingMaterials: [MissingMaterial!]!
  }

  type Decision @shareable {
    outcome: DecisionOutcome!
    decidedOn: String!
    reason: String
    "The applicant's rights to administrative review and litigation, on every refusal (R11)."
    rightsNotice: String
    timing: CompletionTiming
  }

  "A printable notice with the case number, dates, the centre's name and complaint phone."
  type Notice @shareable {
    kind: NoticeKind!
    title: String!
    text: String!
    html: String!
  }

  "督办 or a recorded violation against a unit."
  type SupervisionRecord @shareable {
    caseNo: String!
    unit: String!
    kind: String!
    points: Int!
    raisedOn: String!
    detail: String!
  }
`;

/** The case type, lookups and mutations of one level, e.g. VillageCase and registerVillageCase. */
export function levelCaseTypeDefs(n: LevelNames): string {
  return /* GraphQL */ `
  extend type Query {
    "A case held at a ${n.label} by its case number."
    ${n.field}Case(caseNo: ID!): ${n.type}Case
  }

  extend type Mutation {
    "Registers a case at a ${n.label}. Bad input is refused and nothing is written."
    register${n.type}Case(input: RegisterCaseInput!): ${n.type}Case!
    "Moves a case at a ${n.label} one step through its lifecycle."
    act${n.type}Case(input: CaseActionInput!): ${n.type}Case!
    "Acts on a case another level forwarded to a ${n.label}: accept, decide, return or forward it on."
    handleForwarded${n.type}Case(input: ForwardedCaseActionInput!): ${n.type}ForwardedCase!
    "Puts a hand-over a ${n.label} sent and the receiver refused (FAILED) back in line, once its cause is fixed. Directors over the point; the reason is recorded."
    requeue${n.type}Handover(input: HandoverReviewInput!): Handover!
    "Gives up a refused hand-over a ${n.label} sent, so the case's later ones may go; an abandoned forwarding brings the case back here. Directors over the point; the reason is recorded."
    abandon${n.type}Handover(input: HandoverReviewInput!): Handover!
  }

  extend type ${n.type} {
    """
    Cases taken in here, newest first. Null, with a FORBIDDEN error, where the reader may not look.
    \`search\` finds a case by its number (or part of it), the applicant's ID number or credit code, phone (whole or
    its last four digits), or a word of the applicant's or the item's name; \`from\`/\`to\` bound the registration day.
    """
    cases(status: [CaseStatus!], first: Int = 50, search: String, itemId: ID, from: String, to: String): [${n.type}Case!]
    "督办 and violations recorded against this point's units (supervisors, directors and the point's own staff)."
    supervisionRecords: [SupervisionRecord!]
    "Cases taken in here and forwarded up, still away."
    casesAway: [${n.type}Case!]
    "Cases other levels forwarded here; by default those waiting for action here."
    forwardedToMe(status: [ForwardedStatus!] = [RECEIVED, ACCEPTED]): [${n.type}ForwardedCase!]
    "Hand-overs this point sent that the receiving level refused (FAILED), oldest first. The directors over the point; null, with a FORBIDDEN error, for anyone else."
    failedHandovers: [Handover!]
    "How many cases each item had here in the last \`days\` days (1–366), most used first; items with none are left out. Staff whose scope covers the point."
    itemUse(days: Int = 90): [${n.type}ItemUse!]
  }

  "An item's use at a point: the window app lists a point's everyday items first."
  type ${n.type}ItemUse {
    itemId: ID!
    cases: Int!
  }

  "A case another level forwarded to a ${n.label}. The applicant deals only with the origin."
  type ${n.type}ForwardedCase @key(fields: "caseNo") {
    caseNo: ID!
    hop: Int!
    status: ForwardedStatus!
    version: Int!
    itemId: ID!
    itemName: String!
    kind: CaseKind!
    "The point that took the case in and stays the applicant's contact."
    originPointCode: String!
    fromPointCode: String!
    applicantName: String!
    receivedAt: String!
    "The origin's deadline: the promised limit counts across every hop (R13)."
    deadline: String
    light: Light
    decidedOn: String
    outcome: DecisionOutcome
    reason: String
    "The latest hand-over this level sent for the case (a result, a return, a forwarding on), if any."
    handover: Handover
    "The centre or room that took the case in (the applicant's contact), by name. Cases received before forwardings carried names show the code as the name."
    origin: CasePoint!
    "The point that sent it here, by name."
    from: CasePoint!
    "The applicant, always masked here (the whole ID number and phone stay at the origin). Null on cases received before forwardings carried it."
    applicant: Applicant
    "The item's materials and whether the origin received each; empty on cases received before forwardings carried them."
    materials: [CaseMaterial!]!
    "The note sent with the forwarding here."
    note: String
    "Every hop of the case so far, oldest first: those recorded below (carried with the forwarding) and those recorded here."
    history: [CaseViewHop!]!
  }

  "A case taken in at a ${n.label}."
  type ${n.type}Case @key(fields: "caseNo") {
    "Readable and unique nationally: point code, date, sequence (R5)."
    caseNo: ID!
    point: ${n.type}!
    itemId: ID!
    itemName: String!
    kind: CaseKind!
    status: CaseStatus!
    statusLabel: String!
    "What may be done next, from the current status."
    allowedActions: [String!]!
    version: Int!
    channel: IntakeChannel!
    applicant: Applicant!
    agent: Agent
    "第一责任人: who took the case in (R7)."
    responsible: ${n.type}Staff
    responsibleName: String!
    registeredAt: String!
    acceptedOn: String
    legalLimitDays: Int!
    promisedLimitDays: Int!
    "Last day of the promised limit, in working days from the day after acceptance (R13)."
    deadline: String
    "Open cases with a deadline: green, yellow (one working day or less left) or red (overdue)."
    light: Light
    materials: [CaseMaterial!]!
    decision: Decision
    deliveredOn: String
    deliveryMethod: DeliveryMethod
    evaluation: EvaluationLevel
    history: [CaseEvent!]!
    notice(kind: NoticeKind!): Notice!
    supervisionRecords: [SupervisionRecord!]!
    "Who has read this case's whole personal data (supervisors and directors)."
    personalDataReads: [PersonalDataRead!]!
    "The latest hand-over sent for the case from here (forwarding, withdrawal), if any: delivered, waiting, or refused and why."
    handover: Handover
  }
`;
}
