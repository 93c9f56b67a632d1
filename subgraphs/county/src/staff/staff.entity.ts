import { EntitySchema } from '@mikro-orm/core';
import { passwordProperties } from '@scf/accounts';

export type StaffRole = 'DIRECTOR' | 'SUPERVISOR' | 'CHIEF_REPRESENTATIVE' | 'CLERK';
export type Post = 'A' | 'B';

/** 窗口单位: a department stationed at the county centre (公安, 民政, 人社...). */
export class WindowUnit {
  id!: number;
  countyCode!: string;
  name!: string;
  sortOrder: number = 0;
}

export const WindowUnitEntity = new EntitySchema<WindowUnit>({
  class: WindowUnit,
  tableName: 'window_unit',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    countyCode: { type: 'string', length: 6, index: true },
    name: { type: 'string', length: 64 },
    sortOrder: { type: 'integer' },
  },
});

/** A numbered window in the county hall, staffed by one unit. */
export class ServiceWindow {
  id!: number;
  countyCode!: string;
  unitId!: number;
  number!: string;
  business!: string;
}

export const ServiceWindowEntity = new EntitySchema<ServiceWindow>({
  class: ServiceWindow,
  tableName: 'service_window',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    countyCode: { type: 'string', length: 6 },
    unitId: { type: 'integer', index: true },
    number: { type: 'string', length: 16 },
    business: { type: 'string', length: 128 },
  },
});

export class CountyStaff {
  /** scrypt hash; lazy, so it is only read where a password is checked. */
  passwordHash?: string | null;
  passwordSetAt?: Date | null;
  id!: number;
  countyCode!: string;
  /** Sign-in name; also the natural key that makes seeding idempotent. */
  username!: string;
  name!: string;
  role!: StaffRole;
  post!: Post | null;
  unitId!: number | null;
  windowId!: number | null;
  phone!: string | null;
  active: boolean = true;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

export const CountyStaffEntity = new EntitySchema<CountyStaff>({
  class: CountyStaff,
  tableName: 'staff',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    countyCode: { type: 'string', length: 6, index: true },
    username: { type: 'string', length: 64, unique: true },
    name: { type: 'string', length: 64 },
    role: { type: 'string', length: 32 },
    post: { type: 'string', length: 1, nullable: true },
    unitId: { type: 'integer', nullable: true, index: true },
    windowId: { type: 'integer', nullable: true, index: true },
    phone: { type: 'string', length: 32, nullable: true },
    active: { type: 'boolean' },
    ...passwordProperties,
    createdAt: { type: 'datetime', length: 3 },
    updatedAt: { type: 'datetime', length: 3, onUpdate: () => new Date() },
  },
});
