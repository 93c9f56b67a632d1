import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { freshTestDatabases, openDatabase, type SqlCounter } from '@scf/kit';
import { caseEntities, casesMigration, delegationEntities, delegationMigration, type CaseRow, type HopRow, type InboundRow } from '@scf/cases';
import { catalogueEntities, catalogueMigration, type ServiceItemRow } from '@scf/catalogue';
import { handoverMigration } from '@scf/handover';
import { formatCaseNo } from '@scf/domain';
import { dashboardMigration } from '../src/index.js';

export { testDatabase } from '@scf/kit';

/**
 * A township database as the township subgraph migrates it (its own 0001 tables aside, which the dashboard
 * never reads). Opening it through @scf/township would make a cycle: the subgraphs list this package's
 * migration.
 */
export async function openTownshipLevel(opts: { sqlCounter?: SqlCounter } = {}): Promise<{ orm: MikroORM; cleanup(): Promise<void> }> {
  const { urls, cleanup } = freshTestDatabases(['township'] as const);
  const { orm } = await openDatabase({
    url: urls.township,
    entities: [...catalogueEntities(), ...caseEntities(), ...delegationEntities()],
    migrations: [
      catalogueMigration('TOWNSHIP'),
      casesMigration('0003-cases'),
      delegationMigration('0004-delegation'),
      handoverMigration('0005-handover'),
      dashboardMigration('0006-dashboard'),
    ],
    ...opts,
  });
  return { orm, cleanup: async () => { await orm.close(true); await cleanup(); } };
}

export type Item = Pick<ServiceItemRow, 'id' | 'code' | 'name' | 'kind' | 'decidingLevel' | 'decidingUnit' | 'promisedLimitDays'>;

/** One catalogue item in the level's replica; returns it with its id. */
export async function item(em: EntityManager, spec: Omit<Item, 'id'> & { countyCode?: string }): Promise<Item> {
  const at = new Date('2026-01-05T00:00:00Z');
  const id = await em.insert<ServiceItemRow>('ServiceItem', {
    countyCode: spec.countyCode ?? '140925', code: spec.code, name: spec.name, kind: spec.kind, legalBasis: '—',
    decidingLevel: spec.decidingLevel, decidingUnit: spec.decidingUnit, intakeLevels: 'COUNTY,TOWNSHIP,VILLAGE',
    legalLimitDays: spec.promisedLimitDays * 2, promisedLimitDays: spec.promisedLimitDays, fee: '不收费', feeBasis: null,
    procedure: '受理 → 审查 → 决定', contactPhone: null, status: 'ACTIVE', version: 1, createdAt: at, updatedAt: at,
  } as ServiceItemRow);
  return { id: Number(id), ...spec };
}

export interface CaseSpec {
  point: string;
  item: Item;
  registeredOn: string;
  status: string;
  channel?: 'WINDOW' | 'ONLINE' | 'APPOINTMENT';
  acceptedOn?: string;
  deadline?: string;
  suspendedOn?: string;
  decidedOn?: string;
  timing?: 'EARLY' | 'ON_TIME' | 'OVERDUE';
  evaluation?: string;
  hop?: number;
}

const sequences = new Map<string, number>();

/** The row of one case at its origin, with only what the spec says set (numbered per point and day). */
export function caseRow(spec: CaseSpec): Omit<CaseRow, 'id'> {
  const key = `${spec.point}|${spec.registeredOn}`;
  const seq = (sequences.get(key) ?? 0) + 1;
  sequences.set(key, seq);
  const at = new Date(`${spec.registeredOn}T09:00:00+08:00`);
  return {
    caseNo: formatCaseNo(spec.point, spec.registeredOn, seq), pointCode: spec.point, level: 'TOWNSHIP',
    itemId: spec.item.id, itemCode: spec.item.code, itemName: spec.item.name, decidingLevel: spec.item.decidingLevel,
    decidingUnit: spec.item.decidingUnit, kind: spec.item.kind, legalLimitDays: spec.item.promisedLimitDays * 2,
    promisedLimitDays: spec.item.promisedLimitDays, applicantType: 'PERSON', applicantName: '李秀英',
    applicantIdNumber: '140925199001011237', applicantCreditCode: null, applicantPhone: '13912345678',
    agentName: null, agentIdNumber: null, agentPhone: null, entrustmentRef: null, channel: spec.channel ?? 'WINDOW',
    idempotencyKey: null, status: spec.status, responsibleUsername: `${spec.point}.a`, responsibleName: '王芳',
    registeredAt: at, registeredOn: spec.registeredOn, acceptedOn: spec.acceptedOn ?? null, deadline: spec.deadline ?? null,
    suspendedOn: spec.suspendedOn ?? null, suspendedDays: 0, decidedOn: spec.decidedOn ?? null,
    outcome: spec.decidedOn ? 'GRANTED' : null, decisionReason: null, rightsNotice: null, timing: spec.timing ?? null,
    deliveredOn: null, deliveryMethod: null, evaluation: spec.evaluation ?? null, notAcceptedReason: null,
    hop: spec.hop ?? 0, version: 1, updatedAt: at,
  };
}

/** One case inserted; returns the row as written. */
export async function caseFile(em: EntityManager, spec: CaseSpec): Promise<CaseRow> {
  const row = caseRow(spec);
  const id = await em.insert<CaseRow>('CaseFile', row as CaseRow);
  return { id: Number(id), ...row };
}

export interface HopSpec { caseNo: string; hop: number; action: string; from: string; to: string; at: string }

export function hopRow(spec: HopSpec): Omit<HopRow, 'id'> {
  return {
    caseNo: spec.caseNo, hop: spec.hop, action: spec.action, fromCode: spec.from, toCode: spec.to, at: new Date(spec.at),
    byUsername: `${spec.from}.a`, byName: '王芳', note: null,
  };
}

/** One recorded move of a case between levels, at an instant. */
export async function hop(em: EntityManager, spec: HopSpec): Promise<HopRow> {
  const row = hopRow(spec);
  const id = await em.insert<HopRow>('CaseHop', row as HopRow);
  return { id: Number(id), ...row };
}

let inboundSeq = 0;

export interface InboundSpec { point: string; from: string; item: Item; receivedAt: string; status?: InboundRow['status'] }

export function inboundRow(spec: InboundSpec): Omit<InboundRow, 'id'> {
  const receivedAt = new Date(spec.receivedAt);
  return {
    caseNo: formatCaseNo(spec.from, '2026-08-20', ++inboundSeq), hop: 1, originPointCode: spec.from, fromPointCode: spec.from,
    pointCode: spec.point, status: spec.status ?? 'RECEIVED', itemId: spec.item.id, itemName: spec.item.name,
    decidingLevel: spec.item.decidingLevel, decidingUnit: spec.item.decidingUnit, kind: spec.item.kind,
    promisedLimitDays: spec.item.promisedLimitDays, applicantName: '张伟', acceptedOn: null, deadline: null, receivedAt,
    decidedOn: null, outcome: null, reason: null, version: 1, updatedAt: receivedAt,
  };
}

/** A case another level forwarded to one of this level's points, received at an instant. */
export async function inbound(em: EntityManager, spec: InboundSpec): Promise<InboundRow> {
  const row = inboundRow(spec);
  const id = await em.insert<InboundRow>('InboundCase', row as InboundRow);
  return { id: Number(id), ...row };
}
