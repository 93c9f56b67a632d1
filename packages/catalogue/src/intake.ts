import type { EntityManager } from '@mikro-orm/knex';
import { invalid, LEVEL_LABELS, WorkingCalendar } from '@scf/domain';
import { intakeLevelsOf, type CalendarOverrideRow, type ItemMaterialRow, type Level, type ServiceItemRow } from './entities.js';

export const POINT_NAMES: Record<Level, string> = { COUNTY: 'the county centre', TOWNSHIP: 'a township centre', VILLAGE: 'a village room' };

/**
 * The item a point is about to register a case for, with its materials — or INVALID_INPUT on `itemId`
 * when the item is unknown here, withdrawn (R3: it takes no new cases), or not taken in at this level (R4).
 * Works on any level's database: the county's master or a township's/village's replica.
 */
export async function itemForIntake(
  em: EntityManager,
  itemId: number | string,
  level: Level,
): Promise<{ item: ServiceItemRow; materials: ItemMaterialRow[] }> {
  const id = typeof itemId === 'number' ? itemId : /^\d{1,9}$/.test(String(itemId).trim()) ? Number(String(itemId).trim()) : NaN;
  const item = Number.isSafeInteger(id) ? await em.findOne<ServiceItemRow>('ServiceItem', { id }) : null;
  if (!item) return invalid('itemId', `本县事项目录中没有编号为 ${itemId} 的事项，请核对事项编号 / no service item ${itemId} in this county's catalogue`, { itemId: String(itemId) });
  if (item.status === 'WITHDRAWN') {
    return invalid('itemId', `事项 ${item.id}（${item.name}）已停办，不再受理新的办件 / service item ${item.id} (${item.name}) is withdrawn and takes no new cases`, { itemId: String(item.id) });
  }
  const levels = intakeLevelsOf(item);
  if (!levels.includes(level)) {
    return invalid(
      'itemId',
      `事项 ${item.id}（${item.name}）不能在${LEVEL_LABELS[level]}收件，只能在${levels.map((l) => LEVEL_LABELS[l]).join('、')}收件 / ` +
        `service item ${item.id} (${item.name}) cannot be taken in at ${POINT_NAMES[level]}; it is taken in at: ${levels.join(', ')}`,
      { itemId: String(item.id), intakeLevels: levels },
    );
  }
  const materials = await em.find<ItemMaterialRow>('ItemMaterial', { itemId: item.id }, { orderBy: { position: 'asc' } });
  return { item, materials };
}

/** A county's overrides in force (cleared ones are kept only so the clearing replicates). */
export async function calendarOverrides(em: EntityManager, countyCode: string, year?: number): Promise<CalendarOverrideRow[]> {
  const where: Record<string, unknown> = { countyCode, cleared: false };
  if (year !== undefined) where.date = { $like: `${String(year).padStart(4, '0')}-%` };
  return em.find<CalendarOverrideRow>('CalendarOverride', where, { orderBy: { date: 'asc' } });
}

/**
 * The working calendar of one county's centres: the library calendar (State Council schedule via
 * chinese-days) plus that county's own entries — never another county's.
 */
export async function loadCalendar(em: EntityManager, countyCode: string): Promise<WorkingCalendar> {
  const rows = await calendarOverrides(em, countyCode);
  return new WorkingCalendar(rows.map((r) => (r.name ? { date: r.date, working: r.working, name: r.name } : { date: r.date, working: r.working })));
}
