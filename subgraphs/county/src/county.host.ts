import type { EntityManager } from '@mikro-orm/knex';
import { invalid, LEVEL_SPECS } from '@scf/domain';
import { byKeyLoader, childrenLoader, directoryLoaders, mergeResolvers, pointDirectory, staffDirectory, type LevelHost, type NewStaffInput, type PointTable, type StaffTable } from '@scf/kit';
import { CountyEntity } from './counties/county.entity.js';
import { countyTypeDefs } from './counties/county.graphql.js';
import { countyResolvers } from './counties/county.resolvers.js';
import { pointsStaffMigration } from './migrations/0001-service-points-staff.js';
import { CountyStaff, CountyStaffEntity, ServiceWindow, ServiceWindowEntity, WindowUnit, WindowUnitEntity } from './staff/staff.entity.js';
import { staffTypeDefs } from './staff/staff.graphql.js';
import { staffResolvers } from './staff/staff.resolvers.js';

const centres: PointTable = { entity: 'County', parentField: null, centreNameField: 'centreName', complaintPhoneField: 'complaintPhone' };
const staff: StaffTable = { entity: 'CountyStaff', pointField: 'countyCode' };

/** The county's loaders: its centre and staff as every level has them, and the hall's window units and windows. */
export function countyLoaders(em: EntityManager) {
  const order = { orderBy: { id: 'asc' } } as const;
  return {
    ...directoryLoaders(em, centres, staff),
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

export type CountyLoaders = ReturnType<typeof countyLoaders>;

async function createCountyStaff(em: EntityManager, input: NewStaffInput, passwordHash: string) {
  let unitId: number | null = null;
  let windowId: number | null = null;
  if (input.unitId) {
    const unit = await em.findOne(WindowUnit, { id: Number(input.unitId), countyCode: input.pointCode });
    if (!unit) invalid('unitId', `${input.pointCode} 没有编号为 ${input.unitId} 的窗口单位 / no window unit ${input.unitId} at ${input.pointCode}`);
    unitId = unit.id;
  }
  if (input.windowId) {
    const window = await em.findOne(ServiceWindow, { id: Number(input.windowId), countyCode: input.pointCode });
    if (!window || (unitId != null && window.unitId !== unitId)) invalid('windowId', `${input.pointCode} 的该窗口单位下没有编号为 ${input.windowId} 的窗口 / no window ${input.windowId} of that unit at ${input.pointCode}`);
    windowId = window.id;
    unitId = window.unitId;
  }
  if ((input.role === 'CLERK' || input.role === 'CHIEF_REPRESENTATIVE') && unitId == null) invalid('unitId', '县政务大厅的窗口人员须归属一个窗口单位，请选择窗口单位 / county window staff belong to a window unit');
  const row = em.create(CountyStaff, {
    countyCode: input.pointCode, username: input.username, name: input.name, role: input.role, post: input.post ?? null,
    unitId, windowId, phone: input.phone ?? null, active: true, passwordHash, passwordSetAt: new Date(), createdAt: new Date(), updatedAt: new Date(),
  });
  await em.flush();
  return row;
}

/** The county level's own: its centre, the hall's window units and windows, and its staff. */
export const countyHost: LevelHost = {
  spec: LEVEL_SPECS.COUNTY,
  typeDefs: [countyTypeDefs, staffTypeDefs].join('\n'),
  resolvers: mergeResolvers(countyResolvers, staffResolvers),
  entities: () => [CountyEntity, WindowUnitEntity, ServiceWindowEntity, CountyStaffEntity],
  migrations: [{ id: '0001-service-points-staff', replaces: ['0001-service-points-staff-items'], create: pointsStaffMigration }],
  loaders: countyLoaders,
  // The hall's numbered windows, each with its unit and its A and B holders.
  points: pointDirectory(LEVEL_SPECS.COUNTY, centres, async (em, code) => {
    const [windows, units, holders] = await Promise.all([
      em.find(ServiceWindow, { countyCode: code }, { orderBy: { number: 'asc' } }),
      em.find(WindowUnit, { countyCode: code }),
      em.find(CountyStaff, { countyCode: code, active: true, windowId: { $ne: null } }, { orderBy: { id: 'asc' } }),
    ]);
    const unitName = new Map(units.map((u) => [u.id, u.name]));
    return windows.map((w) => ({
      id: String(w.id), name: `${w.number}号窗口（${w.business}）`, unit: unitName.get(w.unitId) ?? null,
      holders: holders.filter((s) => s.windowId === w.id).map((s) => ({ username: s.username, name: s.name, post: s.post })),
    }));
  }),
  staff: staffDirectory(staff, {
    create: createCountyStaff,
    // The window unit's name travels in the token, so unit-scoped rules need no lookup.
    unitName: async (em, row) => (row.unitId == null ? null : ((await em.findOne(WindowUnit, { id: row.unitId }))?.name ?? null)),
    async unitOf(ctx: { loaders: CountyLoaders }, username: string) {
      const s = (await ctx.loaders.staffByUsername.load(username)) as CountyStaff | null;
      return s?.unitId == null ? null : ((await ctx.loaders.unitById.load(s.unitId))?.name ?? null);
    },
  }),
};
