import { requireActor } from '@scf/auth';
import type { TownshipContext } from '../context.js';
import type { Township } from '../townships/township.entity.js';
import type { TownshipStaff } from './staff.entity.js';

export const staffResolvers = {
  Township: {
    async staff(t: Township, { role }: { role?: TownshipStaff['role'] }, ctx: TownshipContext) {
      // Who works where is for colleagues, not for anonymous callers.
      requireActor(ctx.actor);
      const all = await ctx.loaders.staffByTownship.load(t.code);
      return role ? all.filter((s) => s.role === role) : all;
    },
  },
  TownshipStaff: {
    __resolveReference: (ref: { id: string }, ctx: TownshipContext) => requireActor(ctx.actor) && ctx.loaders.staffById.load(Number(ref.id)),
    level: () => 'TOWNSHIP',
    point: (s: TownshipStaff, _: unknown, ctx: TownshipContext) => ctx.loaders.townshipByCode.load(s.townshipCode),
  },
};
