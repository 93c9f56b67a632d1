import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { invalid, validateDivisionCode } from '@scf/domain';
import {
  addItem, changeItem, intakeLevelsOf, nameInitials, withdrawItem,
  type ItemChangeRow, type ItemInput, type ItemPatch, type Level, type ServiceItemRow,
} from '@scf/catalogue';
import type { CountyContext } from '../context.js';
import { County } from '../counties/county.entity.js';
import { WindowUnit } from '../staff/staff.entity.js';
import { requireDirector } from './approval.js';

/** The county of a township (9 digits) or village (12 digits) is its code's first 6 digits. */
const countyOf = (code: string) => code.slice(0, 6);

async function active(ctx: CountyContext, code: string) {
  return (await ctx.loaders.itemsByCounty.load(countyOf(code))).filter((i) => i.status === 'ACTIVE');
}

/** What a point at `level` takes in and decides, from its county's catalogue. */
function pointItems(level: Level) {
  return {
    __resolveReference: (ref: { code: string }) => ref,
    itemsTakenIn: async (p: { code: string }, _: unknown, ctx: CountyContext) => (await active(ctx, p.code)).filter((i) => intakeLevelsOf(i).includes(level)),
    itemsDecided: async (p: { code: string }, _: unknown, ctx: CountyContext) => (await active(ctx, p.code)).filter((i) => i.decidingLevel === level),
  };
}

async function existingItem(ctx: CountyContext, id: string): Promise<ServiceItemRow> {
  const item = /^\d{1,9}$/.test(id) ? await ctx.em.findOne<ServiceItemRow>('ServiceItem', { id: Number(id) }) : null;
  if (!item) return invalid('id', `本县事项目录中没有编号为 ${id} 的事项，请核对事项编号 / no service item ${id} in this county's catalogue`);
  return item;
}

/** The county hall's window units: a county item names the one that decides it (R24). */
async function hall(ctx: CountyContext, countyCode: string) {
  return { windowUnits: (await ctx.em.find(WindowUnit, { countyCode }, { orderBy: { sortOrder: 'asc' } })).map((u) => u.name) };
}

/** A race between two directors adding the same code ends in the database's unique key: report it the same way. */
async function uniqueCode<T>(code: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (e instanceof UniqueConstraintViolationException) return invalid('input.code', `本县已有事项使用编码 ${code ?? ''}，同一县内事项编码不能重复 / item code ${code ?? ''} is already used in this county`);
    throw e;
  }
}

export const itemResolvers = {
  County: {
    async serviceItems(county: County, args: { decidedAt?: Level; includeWithdrawn?: boolean }, ctx: CountyContext) {
      const items = await ctx.loaders.itemsByCounty.load(county.code);
      return items.filter((i) => (args.includeWithdrawn || i.status === 'ACTIVE') && (!args.decidedAt || i.decidingLevel === args.decidedAt));
    },
    itemsTakenIn: pointItems('COUNTY').itemsTakenIn,
    itemsDecided: pointItems('COUNTY').itemsDecided,
  },
  Township: pointItems('TOWNSHIP'),
  Village: pointItems('VILLAGE'),
  ServiceItem: {
    __resolveReference: (ref: { id: string }, ctx: CountyContext) => ctx.loaders.itemById.load(Number(ref.id)),
    nameInitials: (i: ServiceItemRow) => nameInitials(i.name),
    intakeLevels: (i: ServiceItemRow) => intakeLevelsOf(i),
    withdrawn: (i: ServiceItemRow) => i.status === 'WITHDRAWN',
    materials: (i: ServiceItemRow, _: unknown, ctx: CountyContext) => ctx.loaders.materialsByItem.load(i.id),
    county: (i: ServiceItemRow, _: unknown, ctx: CountyContext) => ctx.loaders.pointByCode.load(i.countyCode),
    changes: (i: ServiceItemRow, _: unknown, ctx: CountyContext) => ctx.loaders.changesByItem.load(i.id),
  },
  ItemChange: {
    approvedAt: (c: ItemChangeRow) => new Date(c.approvedAt).toISOString(),
    approver: (c: ItemChangeRow, _: unknown, ctx: CountyContext) => ctx.loaders.staffByUsername.load(c.approvedBy),
  },
  Mutation: {
    async addServiceItem(_: unknown, args: { countyCode: string; input: ItemInput; note?: string | null }, ctx: CountyContext) {
      validateDivisionCode(args.countyCode, 'COUNTY');
      if (!(await ctx.em.findOne(County, { code: args.countyCode }))) {
        invalid('countyCode', `本系统没有载入县 ${args.countyCode}，请先载入：npm run seed -- --county ${args.countyCode} / no county ${args.countyCode} is loaded here. Load it with: npm run seed -- --county ${args.countyCode}`);
      }
      const { username: approvedBy } = requireDirector(ctx, args.countyCode);
      const context = await hall(ctx, args.countyCode);
      return uniqueCode(args.input.code, () => addItem(ctx.em, args.countyCode, args.input, { approvedBy, note: args.note }, context));
    },
    async changeServiceItem(_: unknown, args: { id: string; input: ItemPatch; note?: string | null }, ctx: CountyContext) {
      const item = await existingItem(ctx, args.id);
      const { username: approvedBy } = requireDirector(ctx, item.countyCode);
      const context = await hall(ctx, item.countyCode);
      return uniqueCode(args.input.code ?? undefined, () => changeItem(ctx.em, item.id, args.input, { approvedBy, note: args.note }, context));
    },
    async withdrawServiceItem(_: unknown, args: { id: string; reason: string }, ctx: CountyContext) {
      const item = await existingItem(ctx, args.id);
      const { username: approvedBy } = requireDirector(ctx, item.countyCode);
      return withdrawItem(ctx.em, item.id, args.reason, { approvedBy });
    },
  },
};
