import type { CountyContext } from '../context.js';
import type { County } from '../counties/county.entity.js';
import type { Level, ServiceItem } from './item.entity.js';

export const itemResolvers = {
  County: {
    async serviceItems(county: County, args: { decidedAt?: Level; includeWithdrawn?: boolean }, ctx: CountyContext) {
      const items = await ctx.loaders.itemsByCounty.load(county.code);
      return items.filter((i) => (args.includeWithdrawn || i.status === 'ACTIVE') && (!args.decidedAt || i.decidingLevel === args.decidedAt));
    },
  },
  ServiceItem: {
    __resolveReference: (ref: { id: string }, ctx: CountyContext) => ctx.loaders.itemById.load(Number(ref.id)),
    intakeLevels: (i: ServiceItem) => i.intakeLevels.split(',').filter(Boolean),
    withdrawn: (i: ServiceItem) => i.status === 'WITHDRAWN',
    materials: (i: ServiceItem, _: unknown, ctx: CountyContext) => ctx.loaders.materialsByItem.load(i.id),
    county: (i: ServiceItem, _: unknown, ctx: CountyContext) => ctx.loaders.countyByCode.load(i.countyCode),
  },
};
