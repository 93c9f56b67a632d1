import { schemaMigration } from '@scf/kit';

/**
 * The `outbox` and `inbox` tables, for any level (each level both sends and receives). `name` is the
 * migration's name in the level's own list, e.g. `handoverMigration('0004-handover')`. Plain types only
 * (no JSON columns), datetimes with millisecond precision, so it runs on MySQL/MariaDB and libSQL alike.
 */
export function handoverMigration(name: string) {
  return schemaMigration(name, (schema) =>
    schema
      .createTable('outbox', (t) => {
        t.increments('id').primary();
        t.string('message_id', 128).notNullable().unique();
        t.string('target', 64).notNullable();
        t.string('kind', 32).notNullable();
        t.string('case_no', 64).notNullable();
        t.integer('hop').notNullable();
        t.text('payload').notNullable();
        t.datetime('created_at', { precision: 3 }).notNullable();
        t.string('status', 16).notNullable();
        t.integer('attempts').notNullable().defaultTo(0);
        t.datetime('next_attempt_at', { precision: 3 }).notNullable();
        t.datetime('delivered_at', { precision: 3 }).nullable();
        t.text('last_error').nullable();
        t.string('claimed_by', 64).nullable();
        t.datetime('claimed_until', { precision: 3 }).nullable();
        // The relay's two questions: what is due, and is anything earlier of this case still undelivered.
        t.index(['status', 'next_attempt_at'], 'outbox_due_idx');
        t.index(['case_no', 'status', 'id'], 'outbox_case_idx');
      })
      .createTable('inbox', (t) => {
        t.string('message_id', 128).primary();
        t.string('kind', 32).notNullable();
        t.string('case_no', 64).notNullable();
        t.integer('hop').notNullable();
        t.datetime('received_at', { precision: 3 }).notNullable();
        t.index(['case_no'], 'inbox_case_idx');
      }),
  );
}

/** `outbox_review`: who requeued or abandoned a FAILED message, and why (see reviewFailed). */
export function handoverReviewMigration(name: string) {
  return schemaMigration(name, (schema) =>
    schema.createTable('outbox_review', (t) => {
      t.increments('id').primary();
      t.string('message_id', 128).notNullable();
      t.string('action', 16).notNullable();
      t.string('by_username', 64).notNullable();
      t.string('by_name', 64).notNullable();
      t.text('reason').notNullable();
      t.datetime('at', { precision: 3 }).notNullable();
      t.index(['message_id'], 'outbox_review_message_idx');
    }),
  );
}
