import { EntitySchema } from '@mikro-orm/core';

/** A village or residents' community (村/社区) and its service room (便民服务室). */
export class Village {
  code!: string;
  name!: string;
  townshipCode!: string;
  countyCode!: string;
  roomName!: string;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

export const VillageEntity = new EntitySchema<Village>({
  class: Village,
  tableName: 'village',
  properties: {
    code: { type: 'string', length: 12, primary: true },
    name: { type: 'string', length: 64 },
    townshipCode: { type: 'string', length: 9 },
    countyCode: { type: 'string', length: 6 },
    roomName: { type: 'string', length: 128 },
    createdAt: { type: 'datetime', length: 3 },
    updatedAt: { type: 'datetime', length: 3, onUpdate: () => new Date() },
  },
});
