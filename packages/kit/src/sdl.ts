/**
 * Enums every level declares. They are identical in all three subgraphs on purpose: composition
 * merges them without hints, and a client sees one `Level` and one `StaffRole`.
 */
export const sharedEnums = /* GraphQL */ `
  "The three levels of service point: 县 county centre, 乡镇 township centre, 村 village room."
  enum Level {
    COUNTY
    TOWNSHIP
    VILLAGE
  }

  "Staff roles (DOMAIN R24)."
  enum StaffRole {
    "中心主任 — manages staff and the item catalogue"
    DIRECTOR
    "督查 / 效能监察 — sees complaints and supervision records"
    SUPERVISOR
    "首席代表 — a window unit's chief representative"
    CHIEF_REPRESENTATIVE
    "窗口工作人员 / 代办员 — takes cases in"
    CLERK
  }

  "AB岗: every post has an A holder and a B holder so a window is never empty."
  enum Post {
    A
    B
  }
`;

export const federationLink = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@inaccessible"])
`;
