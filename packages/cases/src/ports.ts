import type { EntityManager } from '@mikro-orm/knex';
import type { LevelNames } from './level.js';

/** What the cases module needs from the subgraph that mounts it: its own points and staff. */
export interface CasesHost {
  names: LevelNames;
  findPoint(em: EntityManager, code: string): Promise<{ code: string; name: string; centreName: string; complaintPhone?: string | null } | null>;
  findStaff(em: EntityManager, username: string): Promise<{ id: number; username: string; name: string; pointCode: string; active: boolean } | null>;
}
