import type { AccountsHost } from '@scf/accounts';
import { invalid } from '@scf/domain';
import { Village } from '../villages/village.entity.js';
import { VillageStaff } from './staff.entity.js';

export const villageAccounts: AccountsHost = {
  level: 'VILLAGE',
  type: 'Village',
  staffEntity: 'VillageStaff',
  async findAccount(em, username) {
    const s = await em.findOne(VillageStaff, { username }, { populate: ['passwordHash'] });
    return s && { id: s.id, username: s.username, name: s.name, role: s.role, pointCode: s.villageCode, countyCode: s.villageCode.slice(0, 6), unit: null, active: s.active, passwordHash: s.passwordHash ?? null, passwordSetAt: s.passwordSetAt ?? null };
  },
  pointExists: async (em, code) => (await em.count(Village, { code })) > 0,
  async createStaff(em, input, passwordHash) {
    // A village room is staffed by 代办员; its director and supervisors are the township's.
    if (input.role !== 'CLERK') invalid('role', 'village rooms have clerks (代办员) only');
    const staff = em.create(VillageStaff, {
      villageCode: input.pointCode, username: input.username, name: input.name, role: input.role, post: input.post ?? null,
      phone: input.phone ?? null, active: true, passwordHash, passwordSetAt: new Date(), createdAt: new Date(), updatedAt: new Date(),
    });
    await em.flush();
    return staff;
  },
  loadStaff: (em, username) => em.findOne(VillageStaff, { username }),
};
