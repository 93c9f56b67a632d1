import { validateDivisionCode } from '@scf/domain';
import { notFound } from '@scf/kit';
import type { TownshipContext } from '../context.js';
import type { Township } from './township.entity.js';

export const townshipResolvers = {
  Query: {
    async township(_: unknown, { code }: { code: string }, ctx: TownshipContext) {
      validateDivisionCode(code, 'TOWNSHIP');
      const township = await ctx.loaders.townshipByCode.load(code);
      if (!township) throw notFound(`No township with code ${code} is loaded here. Load its county with: npm run seed -- --county ${code.slice(0, 6)}`, { divisionCode: code });
      return township;
    },
  },
  Township: {
    __resolveReference: (ref: { code: string }, ctx: TownshipContext) => ctx.loaders.townshipByCode.load(ref.code),
    county: (t: Township) => ({ code: t.countyCode }),
  },
  County: {
    // Only the code travels here; the county subgraph owns the rest of the county.
    __resolveReference: (ref: { code: string }) => ref,
    townships: (county: { code: string }, _: unknown, ctx: TownshipContext) => ctx.loaders.townshipsByCounty.load(county.code),
  },
};
