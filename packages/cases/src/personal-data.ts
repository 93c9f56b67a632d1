import { EntitySchema } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { handlesCase, type Actor, type CaseScope } from '@scf/auth';
import { maskPhone, maskResidentId } from '@scf/domain';
import { schemaMigration } from '@scf/kit';
import type { CaseRow } from './entities.js';

/**
 * Resident ID numbers and phones are shown whole only to the staff handling a case, and only where they
 * look at that one case (a single-case read or the answer to their own action) — never in lists or
 * tracking. Every whole read is recorded: who, when, which case, which fields.
 */
export interface PersonalDataReadRow {
  id: number;
  at: Date;
  username: string;
  staffName: string;
  staffPointCode: string;
  caseNo: string;
  fields: string;
}

export function personalDataEntities() {
  return [
    new EntitySchema<PersonalDataReadRow>({
      name: 'PersonalDataRead',
      tableName: 'personal_data_read',
      properties: {
        id: { type: 'integer', primary: true, autoincrement: true },
        at: { type: 'datetime', length: 3 },
        username: { type: 'string', length: 64 },
        staffName: { type: 'string', length: 64 },
        staffPointCode: { type: 'string', length: 12 },
        caseNo: { type: 'string', length: 32 },
        fields: { type: 'string', length: 128 },
      },
    }),
  ];
}

export function personalDataMigration(name: string) {
  return schemaMigration(name, (schema) =>
    schema.createTable('personal_data_read', (t) => {
      t.increments('id').primary();
      t.datetime('at', { precision: 3 }).notNullable();
      t.string('username', 64).notNullable();
      t.string('staff_name', 64).notNullable();
      t.string('staff_point_code', 12).notNullable();
      t.string('case_no', 32).notNullable();
      t.string('fields', 128).notNullable();
      t.index(['case_no']);
      t.index(['username', 'at']);
    }),
  );
}

/** Per request: which case objects the actor is looking at one by one, and which whole reads are already recorded. */
export function personalDataState() {
  return { focused: new WeakSet<object>(), recorded: new Set<string>() };
}
export type PersonalDataState = ReturnType<typeof personalDataState>;

interface PersonalDataContext {
  em: EntityManager;
  actor: Actor | null;
  now: () => Date;
  personalData: PersonalDataState;
}

/**
 * The case as looked at on its own (a single-case read or an action's answer): its handlers may see it
 * whole. A view of the row, not the row: the same row may also appear in a list in the same request
 * (one identity map per request), and there it stays masked.
 */
export function focus(ctx: PersonalDataContext, row: CaseRow | null | undefined): CaseRow | null | undefined {
  if (!row) return row;
  const view = Object.create(row) as CaseRow;
  ctx.personalData.focused.add(view);
  return view;
}

/**
 * Who handles the case (case-scope.ts), asked only for a case looked at on its own: a list costs no
 * lookups for cases it shows masked anyway.
 */
export type ScopeOf = () => Promise<CaseScope>;

async function wholeFor(ctx: PersonalDataContext, c: CaseRow, scope: ScopeOf, fields: string): Promise<boolean> {
  const actor = ctx.actor;
  if (!actor || !ctx.personalData.focused.has(c) || actor.pointCode !== c.pointCode || !handlesCase(actor, await scope())) return false;
  const key = `${c.caseNo}|${fields}`;
  if (!ctx.personalData.recorded.has(key)) {
    ctx.personalData.recorded.add(key);
    await ctx.em.insert('PersonalDataRead', { at: ctx.now(), username: actor.username, staffName: actor.name, staffPointCode: actor.pointCode, caseNo: c.caseNo, fields });
  }
  return true;
}

export async function applicantView(ctx: PersonalDataContext, c: CaseRow, scope: ScopeOf) {
  const whole = await wholeFor(ctx, c, scope, 'applicant.idNumber,applicant.phone');
  return {
    type: c.applicantType,
    name: c.applicantName,
    idNumber: c.applicantIdNumber && (whole ? c.applicantIdNumber : maskResidentId(c.applicantIdNumber)),
    // A credit code identifies an organisation, not a person: it is public on the national registry.
    creditCode: c.applicantCreditCode,
    phone: whole ? c.applicantPhone : maskPhone(c.applicantPhone),
    masked: !whole,
  };
}

export async function agentView(ctx: PersonalDataContext, c: CaseRow, scope: ScopeOf) {
  if (!c.agentName) return null;
  const whole = await wholeFor(ctx, c, scope, 'agent.idNumber,agent.phone');
  return {
    name: c.agentName,
    idNumber: whole ? c.agentIdNumber : maskResidentId(c.agentIdNumber ?? ''),
    phone: whole ? c.agentPhone : maskPhone(c.agentPhone ?? ''),
    entrustmentRef: c.entrustmentRef,
    masked: !whole,
  };
}
