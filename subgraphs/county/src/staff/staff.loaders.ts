import type { EntityManager } from '@mikro-orm/knex';
import { byKeyLoader, childrenLoader } from '@scf/kit';
import { CountyStaff, ServiceWindow, WindowUnit } from './staff.entity.js';

export function staffLoaders(em: EntityManager) {
  const order = { orderBy: { id: 'asc' } } as const;
  return {
    staffById: byKeyLoader<number, CountyStaff>((ids) => em.find(CountyStaff, { id: { $in: [...ids] } }), (s) => s.id),
    staffByUsername: byKeyLoader<string, CountyStaff>((names) => em.find(CountyStaff, { username: { $in: [...names] } }), (s) => s.username),
    staffByCounty: childrenLoader<string, CountyStaff>((codes) => em.find(CountyStaff, { countyCode: { $in: [...codes] }, active: true }, order), (s) => s.countyCode),
    staffByUnit: childrenLoader<number, CountyStaff>((ids) => em.find(CountyStaff, { unitId: { $in: [...ids] }, active: true }, order), (s) => s.unitId!),
    staffByWindow: childrenLoader<number, CountyStaff>((ids) => em.find(CountyStaff, { windowId: { $in: [...ids] }, active: true }, order), (s) => s.windowId!),
    unitById: byKeyLoader<number, WindowUnit>((ids) => em.find(WindowUnit, { id: { $in: [...ids] } }), (u) => u.id),
    unitsByCounty: childrenLoader<string, WindowUnit>(
      (codes) => em.find(WindowUnit, { countyCode: { $in: [...codes] } }, { orderBy: { sortOrder: 'asc', id: 'asc' } }),
      (u) => u.countyCode,
    ),
    windowById: byKeyLoader<number, ServiceWindow>((ids) => em.find(ServiceWindow, { id: { $in: [...ids] } }), (w) => w.id),
    windowsByUnit: childrenLoader<number, ServiceWindow>((ids) => em.find(ServiceWindow, { unitId: { $in: [...ids] } }, order), (w) => w.unitId),
  };
}
