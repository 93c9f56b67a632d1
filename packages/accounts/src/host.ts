import type { EntityManager } from '@mikro-orm/knex';
import { levelOfPoint, type Actor, type Level, type StaffRole } from '@scf/auth';

/** A staff account as sign-in and staff management see it, whatever the level. */
export interface StaffAccount {
  id: number;
  username: string;
  name: string;
  role: StaffRole;
  pointCode: string;
  countyCode: string;
  /** County window staff: their window unit's name; township staff: their desk (民政, 社保...). */
  unit: string | null;
  active: boolean;
  passwordHash: string | null;
  /** When the password was last set: tokens issued before it no longer count. */
  passwordSetAt: Date | null;
}

export interface NewStaffInput {
  pointCode: string;
  username: string;
  name: string;
  role: StaffRole;
  post?: 'A' | 'B' | null;
  phone?: string | null;
  /** County: the window unit and window. */
  unitId?: string | null;
  windowId?: string | null;
  /** Township: the desk's business (民政, 社保...). */
  desk?: string | null;
}

/** What the accounts module needs from the subgraph that mounts it. */
export interface AccountsHost {
  level: Level;
  /** GraphQL type prefix: County, Township, Village. */
  type: 'County' | 'Township' | 'Village';
  /** Entity name of the level's staff, for updates. */
  staffEntity: string;
  findAccount(em: EntityManager, username: string): Promise<StaffAccount | null>;
  pointExists(em: EntityManager, code: string): Promise<boolean>;
  /** Inserts the member of staff (level-specific fields checked here) and returns the row the level's staff type resolves. */
  createStaff(em: EntityManager, input: NewStaffInput, passwordHash: string): Promise<unknown>;
  /** The row the level's staff type resolves, by username. */
  loadStaff(em: EntityManager, username: string): Promise<unknown>;
}

export function actorOf(account: StaffAccount): Actor {
  return {
    username: account.username,
    name: account.name,
    level: levelOfPoint(account.pointCode)!,
    pointCode: account.pointCode,
    countyCode: account.countyCode,
    roles: [account.role],
    unit: account.unit,
  };
}
