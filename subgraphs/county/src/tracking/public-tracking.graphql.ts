import { MY_CASE_ANSWER_SELECTION, MY_CASE_POINT_SELECTION } from '@scf/cases';

// The county words the applicant's answer from the origin's facts; the gateway fetches the lower levels' answers first.
const requires = `@requires(fields: "villageAnswer { ${MY_CASE_ANSWER_SELECTION} } townshipAnswer { ${MY_CASE_ANSWER_SELECTION} } townshipPoint { ${MY_CASE_POINT_SELECTION} }")`;

export const publicTrackingTypeDefs = /* GraphQL */ `
  extend type Query {
    """
    查询我的办件: an applicant follows their own case without signing in, with its case number and the last
    four digits of the phone they gave at registration. An unknown number and a wrong check get the same
    answer (found: false). Each case number allows 5 wrong checks an hour, then is locked for the rest of
    the hour; each client 20 lookups a minute (RATE_LIMITED, with extensions.retryAfterSeconds).
    A malformed number or check is BAD_USER_INPUT naming the field.
    """
    trackMyCase(caseNo: ID!, phoneLast4: String!): MyCaseTrack
  }

  "One step of the applicant's case, in plain words."
  type MyCaseStep {
    "The day it happened (YYYY-MM-DD)."
    on: String!
    text: String!
  }

  "What an applicant sees of their own case: where it is and how it got there, in plain words, without anyone's personal data."
  type MyCaseTrack @key(fields: "caseNo phoneLast4") {
    caseNo: ID!
    phoneLast4: String! @inaccessible
    villageAnswer: MyCaseAnswer @external
    townshipAnswer: MyCaseAnswer @external
    townshipPoint: MyCasePoint @external
    "False when no case has this number or the check does not match: the two are not told apart."
    found: Boolean! ${requires}
    "The matter applied for (e.g. 流动人口婚育证明)."
    itemName: String ${requires}
    "Where the application was made: the centre or service room, the applicant's only contact."
    pointName: String ${requires}
    "Where the case stands, e.g. 已受理，正在办理 / 已上报至凤凰镇便民服务中心办理 / 需要补充材料 / 已办结：准予许可."
    statusText: String ${requires}
    "The promised completion date (YYYY-MM-DD), once accepted."
    deadline: String ${requires}
    "Every step so far, oldest first."
    steps: [MyCaseStep!]! ${requires}
    "The centre's phone for questions, where it has one."
    contactPhone: String ${requires}
    "Where to complain (监督投诉电话)."
    complaintPhone: String ${requires}
    "What to bring while a supplement is outstanding (one-time notification); empty otherwise."
    whatToBring: [String!]! ${requires}
  }
`;
