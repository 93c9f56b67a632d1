import type { EntityMetadata, EntityProperty, EventSubscriber, FlushEventArgs } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { invalid, textLength } from '@scf/domain';

/**
 * What a string column holds, read from the entity metadata: `varchar(n)` holds n characters; MySQL's
 * TEXT holds 65,535 bytes of UTF-8 (a libSQL file would hold more, but both databases must take and refuse
 * the same). Null for columns that are not text.
 */
export interface ColumnLimit {
  chars?: number;
  bytes?: number;
}

const TEXT_BYTES: Record<string, number> = { tinytext: 255, text: 65_535, mediumtext: 16_777_215, longtext: 4_294_967_295 };

export function columnLimit(prop: EntityProperty): ColumnLimit | null {
  // The declared type first: libSQL's platform reports every string column as `text`, whatever its length.
  const type = String(prop.type ?? '').toLowerCase();
  if (type === 'string' || type === 'varchar') return { chars: prop.length ?? 255 };
  if (type in TEXT_BYTES) return { bytes: TEXT_BYTES[type] };
  const columnType = String(prop.columnTypes?.[0] ?? '').toLowerCase();
  const sized = /^(?:var)?char\((\d+)\)$/.exec(columnType);
  if (sized) return { chars: Number(sized[1]) };
  if (columnType in TEXT_BYTES) return { bytes: TEXT_BYTES[columnType] };
  return null;
}

/** Refuses `value` for `prop` when the column cannot hold it; the refusal names `field` and the limit. */
function checkValue(prop: EntityProperty, value: unknown, field: string): void {
  if (typeof value !== 'string') return;
  const limit = columnLimit(prop);
  if (!limit) return;
  if (limit.chars !== undefined) {
    const length = textLength(value);
    if (length > limit.chars) {
      invalid(field, `最多 ${limit.chars} 个字符，现为 ${length} 个 / at most ${limit.chars} characters, got ${length}`, { maxLength: limit.chars, length });
    }
  }
  if (limit.bytes !== undefined) {
    const bytes = Buffer.byteLength(value, 'utf8');
    if (bytes > limit.bytes) {
      // A TEXT column counts bytes: 65,535 is ~21,800 Chinese characters, 16,383 characters outside the BMP.
      const maxLength = Math.floor(limit.bytes / 4);
      invalid(field, `太长：最多约 ${maxLength} 个字符（${limit.bytes} 字节），现为 ${bytes} 字节 / too long: at most ${limit.bytes} bytes of UTF-8, got ${bytes}`, { maxLength, maxBytes: limit.bytes, bytes });
    }
  }
}

/**
 * Checks the string values of `data` (property name → value) against the columns of `entity`. For writes
 * that bypass the unit of work (nativeUpdate, nativeInsert), which the flush guard below does not see.
 * `fieldOf` turns a property into the field name the user's form knows; by default the property itself.
 */
export function assertFitsColumns(em: EntityManager, entity: string, data: Record<string, unknown>, fieldOf: (prop: string) => string = (p) => p): void {
  const meta = em.getMetadata().find(entity);
  if (!meta) return;
  fitsColumns(meta, data, fieldOf);
}

function fitsColumns(meta: EntityMetadata, data: Record<string, unknown>, fieldOf: (prop: string) => string): void {
  for (const [key, value] of Object.entries(data)) {
    const prop = meta.properties[key as keyof typeof meta.properties] as EntityProperty | undefined;
    if (prop) checkValue(prop, value, fieldOf(key));
  }
}

/**
 * The last line before the database: every entity the unit of work is about to insert or update has each
 * string checked against its column, from the entity metadata, before any SQL is sent. Each mutation
 * checks its own fields first with the names its form uses; this catches whatever one of them forgot, on
 * MySQL (which would refuse the row with an error naming the table and echoing the values) and on libSQL
 * (which would keep the over-long text without a word) alike.
 */
export class ColumnLengthGuard implements EventSubscriber {
  onFlush({ uow }: FlushEventArgs): void {
    for (const cs of uow.getChangeSets()) {
      if (cs.type !== 'create' && cs.type !== 'update') continue;
      fitsColumns(cs.meta as EntityMetadata, cs.payload as Record<string, unknown>, (p) => p);
    }
  }
}
