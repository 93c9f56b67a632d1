import type { AccountsHost } from '@scf/accounts';
import { invalid } from '@scf/domain';
import { Township } from '../townships/township.entity.js';
import { TownshipStaff } from './staff.entity.js';

export const townshipAccounts: AccountsHost = {
  level: 'TOWNSHIP',
  type: 'Township',
  staffEntity: 'TownshipStaff',
  async findAccount(em, username) {
    const s = await em.findOne(TownshipStaff, { username }, { populate: ['passwordHash'] });
    return s && { id: s.id, username: s.username, name: s.name, role: s.role, pointCode: s.townshipCode, countyCode: s.townshipCode.slice(0, 6), unit: s.desk, active: s.active, passwordHash: s.passwordHash ?? null, passwordSetAt: s.passwordSetAt ?? null };
  },
  pointExists: async (em, code) => (await em.count(Township, { code })) > 0,
  async createStaff(em, input, passwordHash) {
    // The desk decides which cases they handle (the catalogue names the desk of each township item).
    if ((input.role === 'CLERK' || input.role === 'CHIEF_REPRESENTATIVE') && !input.desk?.trim()) {
      invalid('desk', '乡镇窗口工作人员须写明所在窗口（岗位），如“社保” / township window staff sit at a desk: name it, e.g. 社保');
    }
    const staff = em.create(TownshipStaff, {
      townshipCode: input.pointCode, username: input.username, name: input.name, role: input.role, post: input.post ?? null,
      desk: input.desk?.trim() || null, phone: input.phone ?? null, active: true, passwordHash, passwordSetAt: new Date(), createdAt: new Date(), updatedAt: new Date(),
    });
    await em.flush();
    return staff;
  },
  loadStaff: (em, username) => em.findOne(TownshipStaff, { username }),
};
