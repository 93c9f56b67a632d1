import type { EntityManager } from '@mikro-orm/knex';
import type { EntityName } from '@mikro-orm/core';

export interface SyncStats {
  inserted: number;
  updated: number;
  unchanged: number;
}

export const emptyStats = (): SyncStats => ({ inserted: 0, updated: 0, unchanged: 0 });

/**
 * Makes the rows identified by `key` look like `desired`: inserts the missing ones, updates only the
 * fields that differ, and leaves equal rows alone, so a second run writes nothing. Rows that exist but
 * are not desired are kept: seeding never deletes data a centre may have built on.
 */
export async function syncRows<T extends object, K extends keyof T & string>(
  em: EntityManager,
  entity: EntityName<T>,
  key: K,
  desired: Partial<T>[],
  scope: Record<string, unknown>,
): Promise<{ stats: SyncStats; rows: Map<T[K], T> }> {
  const existing = await em.find(entity, scope as never);
  const byKey = new Map<T[K], T>(existing.map((row) => [row[key], row]));
  const stats = emptyStats();
  for (const want of desired) {
    const k = want[key] as T[K];
    const have = byKey.get(k);
    if (!have) {
      const created = em.create(entity, want as never);
      byKey.set(k, created as T);
      stats.inserted++;
      continue;
    }
    const changes = Object.entries(want).filter(([f, v]) => (have as Record<string, unknown>)[f] !== v);
    if (changes.length) {
      em.assign(have, Object.fromEntries(changes) as never);
      stats.updated++;
    } else {
      stats.unchanged++;
    }
  }
  await em.flush();
  return { stats, rows: byKey };
}
