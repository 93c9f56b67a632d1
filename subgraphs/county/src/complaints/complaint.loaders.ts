import type { EntityManager } from '@mikro-orm/knex';
import { childrenLoader } from '@scf/kit';
import { ComplaintEvent } from './complaint.entity.js';

export function complaintLoaders(em: EntityManager) {
  return {
    // The history of every complaint in a list is one IN query.
    complaintSteps: childrenLoader<number, ComplaintEvent>(
      (ids) => em.find(ComplaintEvent, { complaintId: { $in: [...ids] } }, { orderBy: { complaintId: 'asc', id: 'asc' } }),
      (e) => e.complaintId,
    ),
  };
}
