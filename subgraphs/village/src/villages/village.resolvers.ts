import { validateDivisionCode } from '@scf/domain';
import { notFound } from '@scf/kit';
import type { VillageContext } from '../context.js';
import type { Village } from './village.entity.js';

export const villageResolvers = {
  Query: {
    async village(_: unknown, { code }: { code: string }, ctx: VillageContext) {
      validateDivisionCode(code, 'VILLAGE');
      const village = await ctx.loaders.villageByCode.load(code);
      if (!village) throw notFound(`No village with code ${code} is loaded here. Load its county with: npm run seed -- --county ${code.slice(0, 6)}`, { divisionCode: code });
      return village;
    },
  },
  Village: {
    __resolveReference: (ref: { code: string }, ctx: VillageContext) => ctx.loaders.villageByCode.load(ref.code),
    township: (v: Village) => ({ code: v.townshipCode }),
  },
  Township: {
    // Only the code travels here; the township subgraph owns the rest of the township.
    __resolveReference: (ref: { code: string }) => ref,
    villages: (t: { code: string }, _: unknown, ctx: VillageContext) => ctx.loaders.villagesByTownship.load(t.code),
  },
};
