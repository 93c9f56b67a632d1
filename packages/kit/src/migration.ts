import { Migration } from '@mikro-orm/migrations';
import type { Knex } from '@mikro-orm/knex';

/**
 * A migration written once with knex's schema builder, so the same file creates the same tables on
 * MySQL/MariaDB and on the embedded libSQL database.
 */
export function schemaMigration(name: string, build: (schema: Knex.SchemaBuilder, knex: Knex) => Knex.SchemaBuilder | void) {
  class SchemaMigration extends Migration {
    override up(): void {
      const knex = this.getKnex();
      const builder = build(knex.schema, knex) ?? knex.schema;
      for (const q of builder.toSQL() as unknown as { sql: string; bindings?: unknown[] }[]) {
        this.addSql(knex.raw(q.sql, (q.bindings ?? []) as Knex.RawBinding[]));
      }
    }
  }
  return { name, class: SchemaMigration };
}

/** Column helpers shared by every level so the same concept has the same type everywhere. */
export const columns = {
  timestamps(t: Knex.CreateTableBuilder) {
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('updated_at', { precision: 3 }).notNullable();
  },
};
