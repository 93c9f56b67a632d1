export const townshipTypeDefs = /* GraphQL */ `
  type Query {
    "A township centre by its 9-digit code, e.g. \\"140925100\\". Unknown or malformed codes are errors."
    township(code: ID!): Township
  }

  "A township or street (乡镇/街道) and its service centre (便民服务中心)."
  type Township @key(fields: "code") {
    "9-digit division code."
    code: ID!
    name: String!
    centreName: String!
    county: County!
  }

  type County @key(fields: "code") {
    code: ID!
    "The county's townships and streets, in code order."
    townships: [Township!]!
  }
`;
