import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { chinaToday } from '@scf/domain';
import type { BackgroundTask } from '@scf/kit';
import { raiseOverdueSupervision } from './supervision.js';

export const SUPERVISION_TASK = 'supervision';

/**
 * 电子监察 runs by itself: at start-up and every `everyMs` (default 10 minutes) each level raises a
 * supervision record for every case of its own that has gone red.
 */
export function supervisionTask(orm: MikroORM, clock: () => Date = () => new Date(), everyMs = Number(process.env.SCF_SUPERVISION_MS ?? 600_000)): BackgroundTask {
  return {
    name: SUPERVISION_TASK,
    everyMs,
    runAtStart: true,
    run: () => raiseOverdueSupervision(orm.em.fork() as EntityManager, chinaToday(clock())),
  };
}
