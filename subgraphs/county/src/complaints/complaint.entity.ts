import { EntitySchema } from '@mikro-orm/core';

/** How a complaint reached the centre (R23); the same words name the form of the reply. */
export const COMPLAINT_CHANNELS = ['ORAL', 'PHONE', 'WRITTEN', 'ONLINE'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];
export type ReplyForm = ComplaintChannel;

/** What the complaint is about (R23): 作风纪律, 服务态度, 办事质量, 廉洁. */
export const COMPLAINT_CATEGORIES = ['CONDUCT', 'ATTITUDE', 'QUALITY', 'INTEGRITY'] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

/** OPEN until the supervision office answers it, ANSWERED until it closes it with its finding. */
export type ComplaintStatus = 'OPEN' | 'ANSWERED' | 'CLOSED';
export type ComplaintStep = 'FILED' | 'ANSWERED' | 'CLOSED';
export type PointLevel = 'COUNTY' | 'TOWNSHIP' | 'VILLAGE';

/**
 * 投诉 (R23) kept by the county centre's supervision office about staff of any level of the county.
 * The complainant's name and phone are confidential: only supervisors read them (see complaint.resolvers.ts).
 */
export class Complaint {
  id!: number;
  /** `TS-<county>-<YYYYMMDD>-<4-digit daily sequence>`, e.g. TS-140925-20261123-0001. */
  number!: string;
  countyCode!: string;
  /** The point complained about: the county centre (6 digits), a township centre (9) or a village room (12). */
  pointCode!: string;
  pointLevel!: PointLevel;
  /** The window unit complained about (county window units by name), when known. */
  unit!: string | null;
  /** The member of staff complained about, when known. */
  staffUsername!: string | null;
  channel!: ComplaintChannel;
  category!: ComplaintCategory;
  content!: string;
  /** The case the complaint concerns, if any. */
  caseNo!: string | null;
  complainantName!: string | null;
  complainantPhone!: string | null;
  /** 1 for a simple complaint; 2 or more gives the office a week (5 working days) to answer (R23). */
  unitsInvolved!: number;
  receivedAt!: Date;
  /** The day it was received, China time. */
  receivedOn!: string;
  receivedBy!: string;
  receivedByName!: string;
  answerDue!: string;
  status!: ComplaintStatus;
  version!: number;
  answer!: string | null;
  answeredAt!: Date | null;
  answeredOn!: string | null;
  answeredBy!: string | null;
  replyForm!: ReplyForm | null;
  /** The supervision office's finding at closing; null while not closed. */
  verified!: boolean | null;
  seriousImpact!: boolean | null;
  /** R22/R33: 5 for a verified complaint, 10 with serious impact, 0 otherwise; counted against pointCode/unit. */
  pointsDeducted!: number;
  closedAt!: Date | null;
  closedOn!: string | null;
  closedBy!: string | null;
  updatedAt!: Date;
}

const datetime = { type: 'datetime', length: 3 } as const;
const day = { type: 'string', length: 10 } as const;

export const ComplaintEntity = new EntitySchema<Complaint>({
  class: Complaint,
  tableName: 'complaint',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    number: { type: 'string', length: 32, unique: true },
    countyCode: { type: 'string', length: 6 },
    pointCode: { type: 'string', length: 12 },
    pointLevel: { type: 'string', length: 16 },
    unit: { type: 'string', length: 64, nullable: true },
    staffUsername: { type: 'string', length: 64, nullable: true },
    channel: { type: 'string', length: 16 },
    category: { type: 'string', length: 16 },
    content: { type: 'text' },
    caseNo: { type: 'string', length: 32, nullable: true },
    complainantName: { type: 'string', length: 64, nullable: true },
    complainantPhone: { type: 'string', length: 32, nullable: true },
    unitsInvolved: { type: 'integer' },
    receivedAt: datetime,
    receivedOn: day,
    receivedBy: { type: 'string', length: 64 },
    receivedByName: { type: 'string', length: 64 },
    answerDue: day,
    status: { type: 'string', length: 16 },
    version: { type: 'integer' },
    answer: { type: 'text', nullable: true },
    answeredAt: { ...datetime, nullable: true },
    answeredOn: { ...day, nullable: true },
    answeredBy: { type: 'string', length: 64, nullable: true },
    replyForm: { type: 'string', length: 16, nullable: true },
    verified: { type: 'boolean', nullable: true },
    seriousImpact: { type: 'boolean', nullable: true },
    pointsDeducted: { type: 'integer' },
    closedAt: { ...datetime, nullable: true },
    closedOn: { ...day, nullable: true },
    closedBy: { type: 'string', length: 64, nullable: true },
    updatedAt: datetime,
  },
});

/** One step of a complaint — filed, answered, closed — with who and when. */
export class ComplaintEvent {
  id!: number;
  complaintId!: number;
  step!: ComplaintStep;
  at!: Date;
  byUsername!: string;
  byName!: string;
  note!: string | null;
}

export const ComplaintEventEntity = new EntitySchema<ComplaintEvent>({
  class: ComplaintEvent,
  tableName: 'complaint_event',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    complaintId: { type: 'integer', index: true },
    step: { type: 'string', length: 16 },
    at: datetime,
    byUsername: { type: 'string', length: 64 },
    byName: { type: 'string', length: 64 },
    note: { type: 'text', nullable: true },
  },
});

export const complaintEntities = [ComplaintEntity, ComplaintEventEntity];
