import { validateDivisionCode } from '@scf/domain';
import { notFound } from '@scf/kit';
import { County } from './county.entity.js';
import type { CountyContext } from '../context.js';

export const countyResolvers = {
  Query: {
    async county(_: unknown, { code }: { code: string }, ctx: CountyContext) {
      validateDivisionCode(code, 'COUNTY');
      const county = await ctx.loaders.pointByCode.load(code);
      if (!county) {
        throw notFound(`本系统没有载入代码为 ${code} 的县，请先载入：npm run seed -- --county ${code} / No county with code ${code} is loaded here. Load it with: npm run seed -- --county ${code}`, { divisionCode: code });
      }
      return county;
    },
    counties(_: unknown, __: unknown, ctx: CountyContext) {
      return ctx.em.find(County, {}, { orderBy: { code: 'asc' } });
    },
  },
  County: {
    // The gateway asks for counties by reference (from townships and staff); one IN query per request.
    __resolveReference(ref: { code: string }, ctx: CountyContext) {
      return ctx.loaders.pointByCode.load(ref.code);
    },
  },
};
