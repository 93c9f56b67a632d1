import { EntitySchema } from '@mikro-orm/core';

/** A township or street (乡镇/街道) and its service centre (便民服务中心). */
export class Township {
  code!: string;
  name!: string;
  countyCode!: string;
  centreName!: string;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

export const TownshipEntity = new EntitySchema<Township>({
  class: Township,
  tableName: 'township',
  properties: {
    code: { type: 'string', length: 9, primary: true },
    name: { type: 'string', length: 64 },
    countyCode: { type: 'string', length: 6 },
    centreName: { type: 'string', length: 128 },
    createdAt: { type: 'datetime', length: 3 },
    updatedAt: { type: 'datetime', length: 3, onUpdate: () => new Date() },
  },
});
