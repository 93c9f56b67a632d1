export const staffTypeDefs = /* GraphQL */ `
  extend type Village {
    "The service room's staff (代办员), optionally only one role."
    staff(role: StaffRole): [VillageStaff!]!
  }

  "A member of staff of a village service room."
  type VillageStaff @key(fields: "id") {
    id: ID!
    username: String!
    name: String!
    role: StaffRole!
    post: Post
    level: Level!
    "The point they serve."
    point: Village!
  }
`;
