import type { EntityManager } from '@mikro-orm/knex';
import { invalid } from '@scf/domain';

export interface ItemUse {
  itemId: string;
  cases: number;
}

export const ITEM_USE_MAX_DAYS = 366;

/**
 * How many cases each item had at a point over the last `days` days, most used first: the window app puts
 * a point's everyday items at the top of its list. One GROUP BY on the point's cases.
 */
export async function itemUse(em: EntityManager, pointCode: string, days: number, now: Date): Promise<ItemUse[]> {
  if (!Number.isInteger(days) || days < 1 || days > ITEM_USE_MAX_DAYS) invalid('days', `统计天数须为 1 至 ${ITEM_USE_MAX_DAYS} 的整数 / days must be a whole number from 1 to ${ITEM_USE_MAX_DAYS}`);
  const since = new Date(now.getTime() - days * 86_400_000);
  const rows = (await em
    .getKnex()('case_file')
    .select('item_id')
    .count({ n: '*' })
    .where('point_code', pointCode)
    .andWhere('registered_at', '>=', since)
    .groupBy('item_id')
    .orderBy([{ column: 'n', order: 'desc' }, { column: 'item_id', order: 'asc' }])) as { item_id: number; n: number | string }[];
  return rows.map((r) => ({ itemId: String(r.item_id), cases: Number(r.n) }));
}
