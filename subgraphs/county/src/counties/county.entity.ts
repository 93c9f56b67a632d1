import { EntitySchema } from '@mikro-orm/core';

export class County {
  code!: string;
  name!: string;
  cityName!: string;
  provinceName!: string;
  /** The name printed on notices, e.g. 宁武县政务服务中心. */
  centreName!: string;
  complaintPhone!: string | null;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

export const CountyEntity = new EntitySchema<County>({
  class: County,
  tableName: 'county',
  properties: {
    code: { type: 'string', length: 6, primary: true },
    name: { type: 'string', length: 64 },
    cityName: { type: 'string', length: 64 },
    provinceName: { type: 'string', length: 64 },
    centreName: { type: 'string', length: 128 },
    complaintPhone: { type: 'string', length: 32, nullable: true },
    createdAt: { type: 'datetime', length: 3 },
    updatedAt: { type: 'datetime', length: 3, onUpdate: () => new Date() },
  },
});
