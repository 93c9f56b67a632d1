import type { EntityManager } from '@mikro-orm/knex';
import type { AccountsHost, NewStaffInput } from '@scf/accounts';
import { invalid } from '@scf/domain';
import { County } from '../counties/county.entity.js';
import { CountyStaff, ServiceWindow, WindowUnit } from './staff.entity.js';

/** County staff accounts: the window unit's name travels in the token, so unit-scoped rules need no lookup. */
export const countyAccounts: AccountsHost = {
  level: 'COUNTY',
  type: 'County',
  staffEntity: 'CountyStaff',
  async findAccount(em, username) {
    const s = await em.findOne(CountyStaff, { username }, { populate: ['passwordHash'] });
    if (!s) return null;
    const unit = s.unitId == null ? null : await em.findOne(WindowUnit, { id: s.unitId });
    return { id: s.id, username: s.username, name: s.name, role: s.role, pointCode: s.countyCode, countyCode: s.countyCode, unit: unit?.name ?? null, active: s.active, passwordHash: s.passwordHash ?? null, passwordSetAt: s.passwordSetAt ?? null };
  },
  pointExists: async (em, code) => (await em.count(County, { code })) > 0,
  async createStaff(em: EntityManager, input: NewStaffInput, passwordHash: string) {
    let unitId: number | null = null;
    let windowId: number | null = null;
    if (input.unitId) {
      const unit = await em.findOne(WindowUnit, { id: Number(input.unitId), countyCode: input.pointCode });
      if (!unit) invalid('unitId', `no window unit ${input.unitId} at ${input.pointCode}`);
      unitId = unit.id;
    }
    if (input.windowId) {
      const window = await em.findOne(ServiceWindow, { id: Number(input.windowId), countyCode: input.pointCode });
      if (!window || (unitId != null && window.unitId !== unitId)) invalid('windowId', `no window ${input.windowId} of that unit at ${input.pointCode}`);
      windowId = window.id;
      unitId = window.unitId;
    }
    if ((input.role === 'CLERK' || input.role === 'CHIEF_REPRESENTATIVE') && unitId == null) invalid('unitId', 'county window staff belong to a window unit');
    const staff = em.create(CountyStaff, {
      countyCode: input.pointCode, username: input.username, name: input.name, role: input.role, post: input.post ?? null,
      unitId, windowId, phone: input.phone ?? null, active: true, passwordHash, passwordSetAt: new Date(), createdAt: new Date(), updatedAt: new Date(),
    });
    await em.flush();
    return staff;
  },
  loadStaff: (em, username) => em.findOne(CountyStaff, { username }),
};
