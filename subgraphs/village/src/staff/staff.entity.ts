import { EntitySchema } from '@mikro-orm/core';
import { passwordProperties } from '@scf/accounts';

export class VillageStaff {
  /** scrypt hash; lazy, so it is only read where a password is checked. */
  passwordHash?: string | null;
  passwordSetAt?: Date | null;
  id!: number;
  villageCode!: string;
  username!: string;
  name!: string;
  role!: 'DIRECTOR' | 'SUPERVISOR' | 'CHIEF_REPRESENTATIVE' | 'CLERK';
  post!: 'A' | 'B' | null;
  phone!: string | null;
  active: boolean = true;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

export const VillageStaffEntity = new EntitySchema<VillageStaff>({
  class: VillageStaff,
  tableName: 'staff',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    villageCode: { type: 'string', length: 12 },
    username: { type: 'string', length: 64 },
    name: { type: 'string', length: 64 },
    role: { type: 'string', length: 32 },
    post: { type: 'string', length: 1, nullable: true },
    phone: { type: 'string', length: 32, nullable: true },
    active: { type: 'boolean' },
    ...passwordProperties,
    createdAt: { type: 'datetime', length: 3 },
    updatedAt: { type: 'datetime', length: 3, onUpdate: () => new Date() },
  },
});
