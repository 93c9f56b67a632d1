import { LEVEL_SPECS } from '@scf/domain';
import { staffTypeDefs as levelStaffTypeDefs } from '@scf/kit';

/** The county's staff as every level's (kit's staffTypeDefs), plus the hall's window units and windows. */
export const staffTypeDefs = /* GraphQL */ `
  ${levelStaffTypeDefs(LEVEL_SPECS.COUNTY, 'unit: WindowUnit\n    window: Window')}

  extend type County {
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
`;
