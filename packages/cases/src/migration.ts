import { schemaMigration } from '@scf/kit';

/** The same case tables at every level; each subgraph lists this migration under its own name. */
export function casesMigration(name: string) {
  return schemaMigration(name, (schema) =>
    schema
      .createTable('case_file', (t) => {
        t.increments('id').primary();
        t.string('case_no', 32).notNullable().unique();
        t.string('point_code', 12).notNullable();
        t.string('level', 16).notNullable();
        t.integer('item_id').notNullable();
        t.string('item_code', 32).notNullable();
        t.string('item_name', 128).notNullable();
        t.string('deciding_level', 16).notNullable();
        t.string('deciding_unit', 64).notNullable();
        t.string('kind', 16).notNullable();
        t.integer('legal_limit_days').notNullable();
        t.integer('promised_limit_days').notNullable();
        t.string('applicant_type', 16).notNullable();
        t.string('applicant_name', 128).notNullable();
        t.string('applicant_id_number', 18).nullable();
        t.string('applicant_credit_code', 18).nullable();
        t.string('applicant_phone', 32).notNullable();
        t.string('agent_name', 64).nullable();
        t.string('agent_id_number', 18).nullable();
        t.string('agent_phone', 32).nullable();
        t.string('entrustment_ref', 128).nullable();
        t.string('channel', 16).notNullable();
        t.string('idempotency_key', 64).nullable();
        t.string('status', 32).notNullable();
        t.string('responsible_username', 64).notNullable();
        t.string('responsible_name', 64).notNullable();
        t.datetime('registered_at', { precision: 3 }).notNullable();
        t.string('registered_on', 10).notNullable();
        t.string('accepted_on', 10).nullable();
        t.string('deadline', 10).nullable();
        t.string('suspended_on', 10).nullable();
        t.integer('suspended_days').notNullable().defaultTo(0);
        t.string('decided_on', 10).nullable();
        t.string('outcome', 16).nullable();
        t.text('decision_reason').nullable();
        t.text('rights_notice').nullable();
        t.string('timing', 16).nullable();
        t.string('delivered_on', 10).nullable();
        t.string('delivery_method', 16).nullable();
        t.string('evaluation', 32).nullable();
        t.text('not_accepted_reason').nullable();
        t.integer('version').notNullable().defaultTo(1);
        t.datetime('updated_at', { precision: 3 }).notNullable();
        t.unique(['point_code', 'idempotency_key']);
        t.index(['point_code', 'status']);
        t.index(['point_code', 'registered_on']);
        t.index(['status', 'deadline']);
      })
      .createTable('case_material', (t) => {
        t.increments('id').primary();
        t.integer('case_id').unsigned().notNullable().references('id').inTable('case_file');
        t.integer('position').notNullable();
        t.string('name', 128).notNullable();
        t.string('form', 32).notNullable();
        t.integer('copies').notNullable();
        t.boolean('received').notNullable();
        t.unique(['case_id', 'position']);
      })
      .createTable('case_event', (t) => {
        t.increments('id').primary();
        t.integer('case_id').unsigned().notNullable().references('id').inTable('case_file');
        t.string('action', 32).notNullable();
        t.string('from_status', 32).nullable();
        t.string('to_status', 32).notNullable();
        t.datetime('at', { precision: 3 }).notNullable();
        t.string('by_username', 64).notNullable();
        t.string('by_name', 64).notNullable();
        t.string('point_code', 12).notNullable();
        t.text('reason').nullable();
        t.text('note').nullable();
        t.text('materials').nullable();
        t.index(['case_id']);
      })
      .createTable('case_sequence', (t) => {
        t.string('point_code', 12).notNullable();
        t.string('day', 8).notNullable();
        t.integer('last_seq').notNullable();
        t.primary(['point_code', 'day']);
      })
      .createTable('supervision_record', (t) => {
        t.increments('id').primary();
        t.integer('case_id').unsigned().notNullable().references('id').inTable('case_file');
        t.string('case_no', 32).notNullable();
        t.string('point_code', 12).notNullable();
        t.string('unit', 64).notNullable();
        t.string('kind', 32).notNullable();
        t.integer('points').notNullable();
        t.string('raised_on', 10).notNullable();
        t.text('detail').notNullable();
        t.string('resolved_on', 10).nullable();
        // One overdue record per case: the sweep may run any number of times.
        t.unique(['case_id', 'kind']);
      }),
  );
}

/** Delegation between levels (issue 4): cases received from another level and the hops of every case. */
export function delegationMigration(name: string) {
  return schemaMigration(name, (schema) =>
    schema
      .alterTable('case_file', (t) => {
        t.integer('hop').notNullable().defaultTo(0);
      })
      .createTable('inbound_case', (t) => {
        t.increments('id').primary();
        t.string('case_no', 32).notNullable().unique();
        t.integer('hop').notNullable();
        t.string('origin_point_code', 12).notNullable();
        t.string('from_point_code', 12).notNullable();
        t.string('point_code', 12).notNullable();
        t.string('status', 32).notNullable();
        t.integer('item_id').notNullable();
        t.string('item_name', 128).notNullable();
        t.string('deciding_level', 16).notNullable();
        t.string('deciding_unit', 64).notNullable();
        t.string('kind', 16).notNullable();
        t.integer('promised_limit_days').notNullable();
        t.string('applicant_name', 128).notNullable();
        t.string('accepted_on', 10).nullable();
        t.string('deadline', 10).nullable();
        t.datetime('received_at', { precision: 3 }).notNullable();
        t.string('decided_on', 10).nullable();
        t.string('outcome', 16).nullable();
        t.text('reason').nullable();
        t.integer('version').notNullable().defaultTo(1);
        t.datetime('updated_at', { precision: 3 }).notNullable();
        t.index(['point_code', 'status']);
      })
      .createTable('case_hop', (t) => {
        t.increments('id').primary();
        t.string('case_no', 32).notNullable();
        t.integer('hop').notNullable();
        t.string('action', 32).notNullable();
        t.string('from_code', 12).notNullable();
        t.string('to_code', 12).notNullable();
        t.datetime('at', { precision: 3 }).notNullable();
        t.string('by_username', 64).notNullable();
        t.string('by_name', 64).notNullable();
        t.text('note').nullable();
        t.index(['case_no']);
      }),
  );
}

/** What a forwarding carries for the decider (issue 13): the points by name, the applicant masked, materials, hops, note. */
export function forwardedDetailsMigration(name: string) {
  return schemaMigration(name, (schema) =>
    schema.alterTable('inbound_case', (t) => {
      t.string('origin_point_name', 128).nullable();
      t.string('from_point_name', 128).nullable();
      t.text('forward_note').nullable();
      t.string('applicant_type', 16).nullable();
      t.string('applicant_id_number', 18).nullable();
      t.string('applicant_credit_code', 18).nullable();
      t.string('applicant_phone', 32).nullable();
      t.text('materials').nullable();
      t.text('hops').nullable();
    }),
  );
}
