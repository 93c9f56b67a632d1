import { EntitySchema } from '@mikro-orm/core';
import { personalDataEntities } from './personal-data.js';

/**
 * One row per case at the level that holds it. Item terms are copied in at registration: a case keeps
 * the limits it was accepted under even if the catalogue changes later (R3).
 */
export interface CaseRow {
  id: number;
  caseNo: string;
  pointCode: string;
  level: string;
  itemId: number;
  itemCode: string;
  itemName: string;
  decidingLevel: string;
  decidingUnit: string;
  kind: string;
  legalLimitDays: number;
  promisedLimitDays: number;
  applicantType: 'PERSON' | 'ORGANISATION';
  applicantName: string;
  applicantIdNumber: string | null;
  applicantCreditCode: string | null;
  applicantPhone: string;
  agentName: string | null;
  agentIdNumber: string | null;
  agentPhone: string | null;
  entrustmentRef: string | null;
  channel: string;
  idempotencyKey: string | null;
  status: string;
  responsibleUsername: string;
  responsibleName: string;
  registeredAt: Date;
  registeredOn: string;
  acceptedOn: string | null;
  deadline: string | null;
  suspendedOn: string | null;
  suspendedDays: number;
  decidedOn: string | null;
  outcome: string | null;
  decisionReason: string | null;
  rightsNotice: string | null;
  timing: string | null;
  deliveredOn: string | null;
  deliveryMethod: string | null;
  evaluation: string | null;
  notAcceptedReason: string | null;
  /** Hops this case has made between levels so far; the next forwarding is hop + 1. */
  hop: number;
  version: number;
  updatedAt: Date;
}

export interface CaseMaterialRow {
  id: number;
  caseId: number;
  position: number;
  name: string;
  form: string;
  copies: number;
  received: boolean;
}

/** One recorded transition (R12): who, when, where, why. */
export interface CaseEventRow {
  id: number;
  caseId: number;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  at: Date;
  byUsername: string;
  byName: string;
  pointCode: string;
  reason: string | null;
  note: string | null;
  /** Missing materials of a supplement request, one per line as "name|problem". */
  materials: string | null;
}

/** 督办 and recorded violations against a unit (R9, R15, R33). */
export interface SupervisionRow {
  id: number;
  caseId: number;
  caseNo: string;
  pointCode: string;
  unit: string;
  kind: 'OVERDUE' | 'REPEATED_SUPPLEMENT';
  points: number;
  raisedOn: string;
  detail: string;
  resolvedOn: string | null;
}

const datetime = { type: 'datetime', length: 3 } as const;

/** Fresh schemas per call: three ORMs in one process must not share entity metadata. */
export function caseEntities() {
  return [
    new EntitySchema<CaseRow>({
      name: 'CaseFile',
      tableName: 'case_file',
      properties: {
        id: { type: 'integer', primary: true, autoincrement: true },
        caseNo: { type: 'string', length: 32 },
        pointCode: { type: 'string', length: 12 },
        level: { type: 'string', length: 16 },
        itemId: { type: 'integer' },
        itemCode: { type: 'string', length: 32 },
        itemName: { type: 'string', length: 128 },
        decidingLevel: { type: 'string', length: 16 },
        decidingUnit: { type: 'string', length: 64 },
        kind: { type: 'string', length: 16 },
        legalLimitDays: { type: 'integer' },
        promisedLimitDays: { type: 'integer' },
        applicantType: { type: 'string', length: 16 },
        applicantName: { type: 'string', length: 128 },
        applicantIdNumber: { type: 'string', length: 18, nullable: true },
        applicantCreditCode: { type: 'string', length: 18, nullable: true },
        applicantPhone: { type: 'string', length: 32 },
        agentName: { type: 'string', length: 64, nullable: true },
        agentIdNumber: { type: 'string', length: 18, nullable: true },
        agentPhone: { type: 'string', length: 32, nullable: true },
        entrustmentRef: { type: 'string', length: 128, nullable: true },
        channel: { type: 'string', length: 16 },
        idempotencyKey: { type: 'string', length: 64, nullable: true },
        status: { type: 'string', length: 32 },
        responsibleUsername: { type: 'string', length: 64 },
        responsibleName: { type: 'string', length: 64 },
        registeredAt: datetime,
        registeredOn: { type: 'string', length: 10 },
        acceptedOn: { type: 'string', length: 10, nullable: true },
        deadline: { type: 'string', length: 10, nullable: true },
        suspendedOn: { type: 'string', length: 10, nullable: true },
        suspendedDays: { type: 'integer' },
        decidedOn: { type: 'string', length: 10, nullable: true },
        outcome: { type: 'string', length: 16, nullable: true },
        decisionReason: { type: 'text', nullable: true },
        rightsNotice: { type: 'text', nullable: true },
        timing: { type: 'string', length: 16, nullable: true },
        deliveredOn: { type: 'string', length: 10, nullable: true },
        deliveryMethod: { type: 'string', length: 16, nullable: true },
        evaluation: { type: 'string', length: 32, nullable: true },
        notAcceptedReason: { type: 'text', nullable: true },
        hop: { type: 'integer' },
        version: { type: 'integer' },
        updatedAt: datetime,
      },
    }),
    new EntitySchema<CaseMaterialRow>({
      name: 'CaseMaterial',
      tableName: 'case_material',
      properties: {
        id: { type: 'integer', primary: true, autoincrement: true },
        caseId: { type: 'integer' },
        position: { type: 'integer' },
        name: { type: 'string', length: 128 },
        form: { type: 'string', length: 32 },
        copies: { type: 'integer' },
        received: { type: 'boolean' },
      },
    }),
    new EntitySchema<CaseEventRow>({
      name: 'CaseEvent',
      tableName: 'case_event',
      properties: {
        id: { type: 'integer', primary: true, autoincrement: true },
        caseId: { type: 'integer' },
        action: { type: 'string', length: 32 },
        fromStatus: { type: 'string', length: 32, nullable: true },
        toStatus: { type: 'string', length: 32 },
        at: datetime,
        byUsername: { type: 'string', length: 64 },
        byName: { type: 'string', length: 64 },
        pointCode: { type: 'string', length: 12 },
        reason: { type: 'text', nullable: true },
        note: { type: 'text', nullable: true },
        materials: { type: 'text', nullable: true },
      },
    }),
    new EntitySchema<SupervisionRow>({
      name: 'SupervisionRecord',
      tableName: 'supervision_record',
      properties: {
        id: { type: 'integer', primary: true, autoincrement: true },
        caseId: { type: 'integer' },
        caseNo: { type: 'string', length: 32 },
        pointCode: { type: 'string', length: 12 },
        unit: { type: 'string', length: 64 },
        kind: { type: 'string', length: 32 },
        points: { type: 'integer' },
        raisedOn: { type: 'string', length: 10 },
        detail: { type: 'text' },
        resolvedOn: { type: 'string', length: 10, nullable: true },
      },
    }),
    ...personalDataEntities(),
  ];
}

/** A case another level forwarded here (R17–R18): this level works on it; the origin keeps the applicant. */
export interface InboundRow {
  id: number;
  caseNo: string;
  hop: number;
  originPointCode: string;
  fromPointCode: string;
  pointCode: string;
  status: 'RECEIVED' | 'ACCEPTED' | 'DECIDED' | 'RETURNED' | 'FORWARDED' | 'SUPPLEMENT_REQUESTED' | 'WITHDRAWN';
  itemId: number;
  itemName: string;
  decidingLevel: string;
  decidingUnit: string;
  kind: string;
  promisedLimitDays: number;
  applicantName: string;
  acceptedOn: string | null;
  deadline: string | null;
  receivedAt: Date;
  decidedOn: string | null;
  outcome: string | null;
  reason: string | null;
  version: number;
  updatedAt: Date;
  // What the forwarding carried for the decider (issue 13); null on cases received before it did.
  originPointName?: string | null;
  fromPointName?: string | null;
  forwardNote?: string | null;
  applicantType?: string | null;
  /** Masked at the origin (140925********1234): the whole number never leaves it. */
  applicantIdNumber?: string | null;
  applicantCreditCode?: string | null;
  /** Masked at the origin (139****5678). */
  applicantPhone?: string | null;
  /** JSON: the materials and whether each was received. */
  materials?: string | null;
  /** JSON: the hops recorded at the levels below, oldest first. */
  hops?: string | null;
}

/** One hop of a case between levels, recorded by the level that made it. */
export interface HopRow {
  id: number;
  caseNo: string;
  hop: number;
  action: string;
  fromCode: string;
  toCode: string;
  at: Date;
  byUsername: string;
  byName: string;
  note: string | null;
}

export function delegationEntities() {
  return [
    new EntitySchema<InboundRow>({
      name: 'InboundCase',
      tableName: 'inbound_case',
      properties: {
        id: { type: 'integer', primary: true, autoincrement: true },
        caseNo: { type: 'string', length: 32 },
        hop: { type: 'integer' },
        originPointCode: { type: 'string', length: 12 },
        fromPointCode: { type: 'string', length: 12 },
        pointCode: { type: 'string', length: 12 },
        status: { type: 'string', length: 32 },
        itemId: { type: 'integer' },
        itemName: { type: 'string', length: 128 },
        decidingLevel: { type: 'string', length: 16 },
        decidingUnit: { type: 'string', length: 64 },
        kind: { type: 'string', length: 16 },
        promisedLimitDays: { type: 'integer' },
        applicantName: { type: 'string', length: 128 },
        acceptedOn: { type: 'string', length: 10, nullable: true },
        deadline: { type: 'string', length: 10, nullable: true },
        receivedAt: datetime,
        decidedOn: { type: 'string', length: 10, nullable: true },
        outcome: { type: 'string', length: 16, nullable: true },
        reason: { type: 'text', nullable: true },
        version: { type: 'integer' },
        updatedAt: datetime,
        originPointName: { type: 'string', length: 128, nullable: true },
        fromPointName: { type: 'string', length: 128, nullable: true },
        forwardNote: { type: 'text', nullable: true },
        applicantType: { type: 'string', length: 16, nullable: true },
        applicantIdNumber: { type: 'string', length: 18, nullable: true },
        applicantCreditCode: { type: 'string', length: 18, nullable: true },
        applicantPhone: { type: 'string', length: 32, nullable: true },
        materials: { type: 'text', nullable: true },
        hops: { type: 'text', nullable: true },
      },
    }),
    new EntitySchema<HopRow>({
      name: 'CaseHop',
      tableName: 'case_hop',
      properties: {
        id: { type: 'integer', primary: true, autoincrement: true },
        caseNo: { type: 'string', length: 32 },
        hop: { type: 'integer' },
        action: { type: 'string', length: 32 },
        fromCode: { type: 'string', length: 12 },
        toCode: { type: 'string', length: 12 },
        at: datetime,
        byUsername: { type: 'string', length: 64 },
        byName: { type: 'string', length: 64 },
        note: { type: 'text', nullable: true },
      },
    }),
  ];
}
