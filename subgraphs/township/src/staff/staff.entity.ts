import { EntitySchema } from '@mikro-orm/core';
import { passwordProperties } from '@scf/accounts';

export class TownshipStaff {
  /** scrypt hash; lazy, so it is only read where a password is checked. */
  passwordHash?: string | null;
  passwordSetAt?: Date | null;
  id!: number;
  townshipCode!: string;
  username!: string;
  name!: string;
  role!: 'DIRECTOR' | 'SUPERVISOR' | 'CHIEF_REPRESENTATIVE' | 'CLERK';
  post!: 'A' | 'B' | null;
  /** The township window's business (民政, 社保, 计生...), where the clerk sits. */
  desk!: string | null;
  phone!: string | null;
  active: boolean = true;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

export const TownshipStaffEntity = new EntitySchema<TownshipStaff>({
  class: TownshipStaff,
  tableName: 'staff',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    townshipCode: { type: 'string', length: 9 },
    username: { type: 'string', length: 64 },
    name: { type: 'string', length: 64 },
    role: { type: 'string', length: 32 },
    post: { type: 'string', length: 1, nullable: true },
    desk: { type: 'string', length: 64, nullable: true },
    phone: { type: 'string', length: 32, nullable: true },
    active: { type: 'boolean' },
    ...passwordProperties,
    createdAt: { type: 'datetime', length: 3 },
    updatedAt: { type: 'datetime', length: 3, onUpdate: () => new Date() },
  },
});
