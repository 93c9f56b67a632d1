export const staffTypeDefs = /* GraphQL */ `
  extend type County {
    "The centre's staff, optionally only one role."
    staff(role: StaffRole): [CountyStaff!]!
    "窗口单位: the departments stationed at the centre."
    windowUnits: [WindowUnit!]!
  }

  "窗口单位: a department stationed at the county centre, with its windows and staff."
  type WindowUnit @key(fields: "id") {
    id: ID!
    name: String!
    county: County!
    windows: [Window!]!
    staff: [CountyStaff!]!
    "首席代表"
    chiefRepresentative: CountyStaff
  }

  "A numbered window (窗口) of the county hall."
  type Window @key(fields: "id") {
    id: ID!
    number: String!
    business: String!
    unit: WindowUnit!
    "The A and B holders of this window (AB岗)."
    staff: [CountyStaff!]!
  }

  "A member of staff of a county centre."
  type CountyStaff @key(fields: "id") {
    id: ID!
    username: String!
    name: String!
    role: StaffRole!
    post: Post
    level: Level!
    "The point they serve."
    point: County!
    unit: WindowUnit
    window: Window
  }
`;
