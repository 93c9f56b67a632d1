import { schemaMigration } from '@scf/kit';

/**
 * Indexes for the dashboard's statements (figures.ts, alerts.ts), the same at every level.
 *
 * Each period counter is a range on one date column, so each gets an index that leads with that date — the
 * existing (point_code, registered_on) cannot serve a county-wide prefix, which matches every row and would
 * read the whole history. The rest of each index is, in order, the statement's GROUP BY (point, item code,
 * item name, deciding unit) and then the columns its sums look at: the statement reads nothing but the index
 * (no row lookups: a year of a county's cases does not fit a default buffer pool, its month of index entries
 * does), and aggregates in index order without a temporary table.
 *
 * Widest key: decided_on 10 + point 12 + code 32 + name 128 + unit 64 + kind 16 + timing 16 + evaluation 32
 * characters = 1,240 bytes in utf8mb4, inside InnoDB's 3,072 (DYNAMIC rows, the default since MariaDB 10.2).
 * None holds status, so the many status changes of a case never touch them; a case enters each once, when
 * the date is set (and evaluation updates the finished one once).
 *
 * Hops and inbound cases are fewer (forwards only); their indexes lead with the instant and carry what the
 * statements filter and group on, so only the joined rows are read (a forwarded case, an item of the catalogue).
 * The lights use the existing (status, deadline): open red and yellow cases are a few hundred.
 */
export function dashboardMigration(name: string) {
  return schemaMigration(name, (schema) =>
    schema
      .alterTable('case_file', (t) => {
        t.index(['registered_on', 'point_code', 'item_code', 'item_name', 'deciding_unit', 'kind', 'channel'], 'case_file_dashboard_received');
        t.index(['accepted_on', 'point_code', 'item_code', 'item_name', 'deciding_unit'], 'case_file_dashboard_accepted');
        t.index(['decided_on', 'point_code', 'item_code', 'item_name', 'deciding_unit', 'kind', 'timing', 'evaluation'], 'case_file_dashboard_finished');
      })
      .alterTable('case_hop', (t) => {
        t.index(['at', 'action', 'from_code', 'case_no'], 'case_hop_dashboard_at');
      })
      .alterTable('inbound_case', (t) => {
        t.index(['received_at', 'point_code', 'item_id', 'item_name', 'deciding_unit'], 'inbound_case_dashboard_received');
      }),
  );
}
