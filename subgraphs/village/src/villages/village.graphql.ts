export const villageTypeDefs = /* GraphQL */ `
  type Query {
    "A village service room by its 12-digit code, e.g. \\"140925100201\\". Unknown or malformed codes are errors."
    village(code: ID!): Village
  }

  "A village or residents' community (村/社区) and its service room (便民服务室)."
  type Village @key(fields: "code") {
    "12-digit division code."
    code: ID!
    name: String!
    roomName: String!
    township: Township!
  }

  type Township @key(fields: "code") {
    code: ID!
    "The township's villages and communities, in code order."
    villages: [Village!]!
  }
`;
