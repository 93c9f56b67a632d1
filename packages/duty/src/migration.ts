import { schemaMigration } from '@scf/kit';

/** `duty_schedule` (a point's own hours and thresholds) and `duty_punch` (one row a punch, unique per person and instant). */
export function dutyMigration(name: string) {
  return schemaMigration(name, (schema) =>
    schema
      .createTable('duty_schedule', (t) => {
        t.string('point_code', 12).primary();
        for (const c of ['morning_start', 'morning_end', 'summer_afternoon_start', 'summer_afternoon_end', 'winter_afternoon_start', 'winter_afternoon_end', 'summer_from_month', 'summer_to_month', 'punch_in_early_minutes', 'punch_out_late_minutes', 'late_grace_minutes', 'late_early_half_day_at']) {
          t.integer(c).notNullable();
        }
        t.integer('late_early_whole_day_at').nullable();
        t.integer('missing_half_day_at').notNullable();
        t.integer('missing_whole_day_at').notNullable();
        t.string('set_by_username', 64).notNullable();
        t.string('set_by_name', 64).notNullable();
        t.datetime('set_at', { precision: 3 }).notNullable();
      })
      .createTable('duty_punch', (t) => {
        t.increments('id').primary();
        t.string('username', 64).notNullable();
        t.string('point_code', 12).notNullable();
        t.datetime('at', { precision: 3 }).notNullable();
        t.string('kind', 16).notNullable();
        t.string('source', 8).notNullable();
        t.datetime('created_at', { precision: 3 }).notNullable();
        // The same punch twice (a log imported again, a double tap in the same millisecond) is one punch.
        t.unique(['username', 'at']);
        t.index(['point_code', 'at'], 'duty_punch_point_at_idx');
      }),
  );
}
