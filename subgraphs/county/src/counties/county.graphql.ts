export const countyTypeDefs = /* GraphQL */ `
  type Query {
    "A county centre by its 6-digit division code, e.g. \\"140925\\" (宁武县). Unknown or malformed codes are errors."
    county(code: ID!): County
    "Every county loaded into this installation, by code."
    counties: [County!]!
  }

  "A county (县/区) and its government service centre (政务服务中心)."
  type County @key(fields: "code") {
    "6-digit division code (GB/T 2260)."
    code: ID!
    name: String!
    cityName: String!
    provinceName: String!
    "The centre's name as printed on notices."
    centreName: String!
    complaintPhone: String
  }
`;
