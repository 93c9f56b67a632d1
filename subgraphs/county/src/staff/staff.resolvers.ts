import { requireActor } from '@scf/auth';
import type { CountyContext } from '../context.js';
import type { County } from '../counties/county.entity.js';
import type { CountyStaff, ServiceWindow, StaffRole, WindowUnit } from './staff.entity.js';

export const staffResolvers = {
  County: {
    async staff(county: County, { role }: { role?: StaffRole }, ctx: CountyContext) {
      // Who works where is for colleagues, not for anonymous callers.
      requireActor(ctx.actor);
      const all = await ctx.loaders.staffByPoint.load(county.code);
      return role ? all.filter((s) => s.role === role) : all;
    },
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
  CountyStaff: {
    __resolveReference: (ref: { id: string }, ctx: CountyContext) => requireActor(ctx.actor) && ctx.loaders.staffById.load(Number(ref.id)),
    level: () => 'COUNTY',
    point: (s: CountyStaff, _: unknown, ctx: CountyContext) => ctx.loaders.pointByCode.load(s.countyCode),
    unit: (s: CountyStaff, _: unknown, ctx: CountyContext) => (s.unitId == null ? null : ctx.loaders.unitById.load(s.unitId)),
    window: (s: CountyStaff, _: unknown, ctx: CountyContext) => (s.windowId == null ? null : ctx.loaders.windowById.load(s.windowId)),
  },
};
