import { requireActor } from '@scf/auth';
import type { VillageContext } from '../context.js';
import type { Village } from '../villages/village.entity.js';
import type { VillageStaff } from './staff.entity.js';

export const staffResolvers = {
  Village: {
    async staff(v: Village, { role }: { role?: VillageStaff['role'] }, ctx: VillageContext) {
      // Who works where is for colleagues, not for anonymous callers.
      requireActor(ctx.actor);
      const all = await ctx.loaders.staffByVillage.load(v.code);
      return role ? all.filter((s) => s.role === role) : all;
    },
  },
  VillageStaff: {
    __resolveReference: (ref: { id: string }, ctx: VillageContext) => requireActor(ctx.actor) && ctx.loaders.staffById.load(Number(ref.id)),
    level: () => 'VILLAGE',
    point: (s: VillageStaff, _: unknown, ctx: VillageContext) => ctx.loaders.villageByCode.load(s.villageCode),
  },
};
