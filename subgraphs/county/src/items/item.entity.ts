import { EntitySchema } from '@mikro-orm/core';

export type Level = 'COUNTY' | 'TOWNSHIP' | 'VILLAGE';
export type ItemStatus = 'ACTIVE' | 'WITHDRAWN';

/** One catalogued service item (事项) of a county and its published guide (办事指南, R1). */
export class ServiceItem {
  id!: number;
  countyCode!: string;
  code!: string;
  name!: string;
  kind!: string;
  legalBasis!: string;
  decidingLevel!: Level;
  decidingUnit!: string;
  /** Comma-separated levels that may take the item in; a village room may take in any item (R4). */
  intakeLevels!: string;
  legalLimitDays!: number;
  promisedLimitDays!: number;
  fee!: string;
  feeBasis!: string | null;
  procedure!: string;
  contactPhone!: string | null;
  status: ItemStatus = 'ACTIVE';
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

export const ServiceItemEntity = new EntitySchema<ServiceItem>({
  class: ServiceItem,
  tableName: 'service_item',
  uniques: [{ properties: ['countyCode', 'code'] }],
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    countyCode: { type: 'string', length: 6 },
    code: { type: 'string', length: 32 },
    name: { type: 'string', length: 128 },
    kind: { type: 'string', length: 16 },
    legalBasis: { type: 'text' },
    decidingLevel: { type: 'string', length: 16 },
    decidingUnit: { type: 'string', length: 64 },
    intakeLevels: { type: 'string', length: 64 },
    legalLimitDays: { type: 'integer' },
    promisedLimitDays: { type: 'integer' },
    fee: { type: 'string', length: 128 },
    feeBasis: { type: 'string', length: 255, nullable: true },
    procedure: { type: 'text' },
    contactPhone: { type: 'string', length: 32, nullable: true },
    status: { type: 'string', length: 16 },
    createdAt: { type: 'datetime', length: 3 },
    updatedAt: { type: 'datetime', length: 3, onUpdate: () => new Date() },
  },
});

export type MaterialForm = 'ORIGINAL' | 'COPY' | 'ORIGINAL_AND_COPY';

/** One required material of an item's guide, with the form and number of copies a window checks. */
export class ItemMaterial {
  id!: number;
  itemId!: number;
  position!: number;
  name!: string;
  form!: MaterialForm;
  copies!: number;
  note!: string | null;
}

export const ItemMaterialEntity = new EntitySchema<ItemMaterial>({
  class: ItemMaterial,
  tableName: 'item_material',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    itemId: { type: 'integer', index: true },
    position: { type: 'integer' },
    name: { type: 'string', length: 128 },
    form: { type: 'string', length: 32 },
    copies: { type: 'integer' },
    note: { type: 'string', length: 255, nullable: true },
  },
});
