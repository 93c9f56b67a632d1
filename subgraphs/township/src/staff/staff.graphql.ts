export const staffTypeDefs = /* GraphQL */ `
  extend type Township {
    "The township centre's staff, optionally only one role."
    staff(role: StaffRole): [TownshipStaff!]!
  }

  "A member of staff of a township centre."
  type TownshipStaff @key(fields: "id") {
    id: ID!
    username: String!
    name: String!
    role: StaffRole!
    post: Post
    level: Level!
    "The window's business where they sit (民政, 社保...)."
    desk: String
    "The point they serve."
    point: Township!
  }
`;
