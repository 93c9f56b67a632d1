import { EntitySchema } from '@mikro-orm/core';
import { LEVELS, type CaseKind, type Level } from '@scf/domain';

export { LEVELS, type Level };
export type ItemStatus = 'ACTIVE' | 'WITHDRAWN';
export type MaterialForm = 'ORIGINAL' | 'COPY' | 'ORIGINAL_AND_COPY';
export const MATERIAL_FORMS: readonly MaterialForm[] = ['ORIGINAL', 'COPY', 'ORIGINAL_AND_COPY'];
export type ItemChangeAction = 'ADDED' | 'CHANGED' | 'WITHDRAWN';

/**
 * One catalogued service item (事项) of a county and its published guide (办事指南, R1). The county
 * database holds the master; township and village databases hold a replica with the same ids.
 */
export interface ServiceItemRow {
  id: number;
  countyCode: string;
  code: string;
  name: string;
  kind: CaseKind;
  legalBasis: string;
  decidingLevel: Level;
  decidingUnit: string;
  /**
   * The window unit of the county hall (e.g. 县应急管理局) or the desk of a township centre (e.g. 社保)
   * whose clerks and chief representative decide the item and handle its cases there; null for an item a
   * village room decides (village rooms have no units), and for an older item nobody has named one for.
   */
  windowUnit: string | null;
  /** Comma-separated levels that may take the item in, e.g. `COUNTY,TOWNSHIP,VILLAGE` (R4). */
  intakeLevels: string;
  legalLimitDays: number;
  promisedLimitDays: number;
  fee: string;
  feeBasis: string | null;
  procedure: string;
  contactPhone: string | null;
  status: ItemStatus;
  /** The catalogue change (see `catalogue_sync`) that last touched the item; replicas pull "since N". */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** One required material of an item's guide, with the form and number of copies a window checks. */
export interface ItemMaterialRow {
  id: number;
  itemId: number;
  position: number;
  name: string;
  form: MaterialForm;
  copies: number;
  note: string | null;
}

/** R3: who approved adding, changing or withdrawing an item, when, and what changed. County only. */
export interface ItemChangeRow {
  id: number;
  itemId: number;
  action: ItemChangeAction;
  /** Human-readable, e.g. `promisedLimitDays: 10 → 8; materials: 4 → 3`. */
  changed: string;
  approvedBy: string;
  approvedAt: Date;
  note: string | null;
}

/**
 * A day a county declares working or not for its own centres, over the library calendar (R13). It belongs
 * to that county: its director sets it, and only that county's deadlines count with it. Clearing an
 * override keeps the row with `cleared = true`, so the clearing replicates like any other change.
 */
export interface CalendarOverrideRow {
  countyCode: string;
  date: string;
  working: boolean;
  name: string | null;
  setBy: string;
  setAt: Date;
  cleared: boolean;
  version: number;
}

/**
 * The catalogue's version counter. In the county database the row `MASTER` holds the last version issued;
 * in a township or village database one row per county code holds the last version applied from it.
 */
export interface CatalogueSyncRow {
  scope: string;
  version: number;
  syncedAt: Date | null;
}

export const MASTER_SCOPE = 'MASTER';

/**
 * Fresh EntitySchema objects on every call: three ORMs live in one process (npm start, tests), and
 * metadata discovery must never be shared between them. Query them by name: `em.find<ServiceItemRow>('ServiceItem', …)`.
 */
export function catalogueEntities(): EntitySchema<any>[] {
  return [
    new EntitySchema<ServiceItemRow>({
      name: 'ServiceItem',
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
        windowUnit: { type: 'string', length: 64, nullable: true },
        intakeLevels: { type: 'string', length: 64 },
        legalLimitDays: { type: 'integer' },
        promisedLimitDays: { type: 'integer' },
        fee: { type: 'string', length: 128 },
        feeBasis: { type: 'string', length: 255, nullable: true },
        procedure: { type: 'text' },
        contactPhone: { type: 'string', length: 32, nullable: true },
        status: { type: 'string', length: 16 },
        version: { type: 'integer' },
        createdAt: { type: 'datetime', length: 3 },
        updatedAt: { type: 'datetime', length: 3 },
      },
    }),
    new EntitySchema<ItemMaterialRow>({
      name: 'ItemMaterial',
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
    }),
    new EntitySchema<ItemChangeRow>({
      name: 'ItemChange',
      tableName: 'item_change',
      properties: {
        id: { type: 'integer', primary: true, autoincrement: true },
        itemId: { type: 'integer', index: true },
        action: { type: 'string', length: 16 },
        changed: { type: 'text' },
        approvedBy: { type: 'string', length: 64 },
        approvedAt: { type: 'datetime', length: 3 },
        note: { type: 'string', length: 255, nullable: true },
      },
    }),
    new EntitySchema<CalendarOverrideRow>({
      name: 'CalendarOverride',
      tableName: 'calendar_override',
      properties: {
        countyCode: { type: 'string', length: 6, primary: true },
        date: { type: 'string', length: 10, primary: true },
        working: { type: 'boolean' },
        name: { type: 'string', length: 64, nullable: true },
        setBy: { type: 'string', length: 64 },
        setAt: { type: 'datetime', length: 3 },
        cleared: { type: 'boolean' },
        version: { type: 'integer' },
      },
    }),
    new EntitySchema<CatalogueSyncRow>({
      name: 'CatalogueSync',
      tableName: 'catalogue_sync',
      properties: {
        scope: { type: 'string', length: 16, primary: true },
        version: { type: 'integer' },
        syncedAt: { type: 'datetime', length: 3, nullable: true },
      },
    }),
  ];
}

export function intakeLevelsOf(item: Pick<ServiceItemRow, 'intakeLevels'>): Level[] {
  return item.intakeLevels.split(',').filter(Boolean) as Level[];
}
