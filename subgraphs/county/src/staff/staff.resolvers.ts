import { requireActor } from '@scf/auth';
import { LEVEL_SPECS } from '@scf/domain';
import { mergeResolvers, staffTypeResolvers } from '@scf/kit';
import type { CountyContext } from '../context.js';
import type { County } from '../counties/county.entity.js';
import type { CountyStaff, ServiceWindow, StaffRole, WindowUnit } from './staff.entity.js';

/** County.staff and CountyStaff as every level's (kit), with the unit and window a county clerk sits at. */
const levelStaff = staffTypeResolvers(LEVEL_SPECS.COUNTY, { entity: 'CountyStaff', pointField: 'countyCode' }, {
  unit: (s: CountyStaff, _: unknown, ctx: CountyContext) => (s.unitId == null ? null : ctx.loaders.unitById.load(s.unitId)),
  window: (s: CountyStaff, _: unknown, ctx: CountyContext) => (s.windowId == null ? null : ctx.loaders.windowById.load(s.windowId)),
});

export const staffResolvers = mergeResolvers(levelStaff, {
  County: {
    windowUnits: (county: County, _: unknown, ctx: CountyContext) => ctx.loaders.unitsByCounty.load(county.code),
  },
  WindowUnit: {
    __resolveReference: (ref: { id: string }, ctx: CountyContext) => ctx.loaders.unitById.load(Number(ref.id)),
    county: (u: WindowUnit, _: unknown, ctx: CountyContext) => ctx.loaders.pointByCode.load(u.countyCode),
    windows: (u: WindowUnit, _: unknown, ctx: CountyContext) => ctx.loaders.windowsByUnit.load(u.id),
    staff: (u: WindowUnit, _: unknown, ctx: CountyContext) => requireActor(ctx.actor) && ctx.loaders.staffByUnit.load(u.id),
    async chiefRepresentative(u: WindowUnit, _: unknown, ctx: CountyContext) {
      requireActor(ctx.actor);
      const staff = await ctx.loaders.staffByUnit.load(u.id);
      return staff.find((s) => s.role === 'CHIEF_REPRESENTATIVE') ?? null;
    },
  },
  Window: {
    __resolveReference: (ref: { id: string }, ctx: CountyContext) => ctx.loaders.windowById.load(Number(ref.id)),
    unit: (w: ServiceWindow, _: unknown, ctx: CountyContext) => ctx.loaders.unitById.load(w.unitId),
    staff: (w: ServiceWindow, _: unknown, ctx: CountyContext) => requireActor(ctx.actor) && ctx.loaders.staffByWindow.load(w.id),
  },
});
