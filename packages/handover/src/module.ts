import { defineModule } from '@scf/kit';
import { handoverEntities } from './entities.js';
import { handoverMigration, handoverReviewMigration } from './migration.js';

/**
 * The outbox and inbox every level keeps to hand things over to another level exactly once. This module
 * brings only the tables; the domain that moves something (cases, through its delegation module) brings
 * the route that receives and the relay that sends.
 */
export const handoverModule = defineModule({
  name: 'handover',
  entities: () => handoverEntities(),
  migrations: () => [
    { id: '0001-outbox-inbox', replaces: ['0005-handover'], create: handoverMigration },
    { id: '0002-reviews', replaces: ['0010-handover-review'], create: handoverReviewMigration },
  ],
});
