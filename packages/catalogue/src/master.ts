import type { EntityManager } from '@mikro-orm/knex';
import { CASE_KINDS, DomainError, invalid, isBlank, LEVEL_LABELS, optionalText, requireFits, parseDate, validatePromisedLimit, type CaseKind } from '@scf/domain';
import {
  LEVELS, MASTER_SCOPE, MATERIAL_FORMS,
  type CalendarOverrideRow, type ItemChangeAction, type ItemChangeRow, type ItemMaterialRow, type Level, type MaterialForm, type ServiceItemRow,
} from './entities.js';

/** What a director submits for a new item (R1). Levels default to all three (R4: any point may take an item in). */
export interface ItemInput {
  code: string;
  name: string;
  kind: CaseKind;
  legalBasis: string;
  decidingLevel: Level;
  decidingUnit: string;
  /**
   * The window unit (county hall) or desk (township centre) that decides the item. At the county it
   * defaults to `decidingUnit` when the hall has a window unit of that name; a township item must name its
   * desk; a village item has none.
   */
  windowUnit?: string | null;
  intakeLevels?: Level[] | null;
  legalLimitDays: number;
  promisedLimitDays: number;
  fee?: string | null;
  feeBasis?: string | null;
  procedure: string;
  contactPhone?: string | null;
  materials: MaterialInput[];
}

export interface MaterialInput {
  name: string;
  form: MaterialForm;
  copies: number;
  note?: string | null;
}

/** A change: only the fields given change; `materials`, when given, replaces the whole list. */
export type ItemPatch = Partial<ItemInput>;

/** What validation needs to know of the county: the names of its hall's window units. */
export interface CatalogueContext {
  windowUnits?: readonly string[];
}

export interface Approval {
  /** The approving director's username (checked by the caller against its staff table). */
  approvedBy: string;
  note?: string | null;
  at?: Date;
}

const RANK: Record<Level, number> = { VILLAGE: 1, TOWNSHIP: 2, COUNTY: 3 };
const FREE = '不收费';
export const MAX_LIMIT_DAYS = 1000;

type ItemFields = Omit<ServiceItemRow, 'id' | 'countyCode' | 'status' | 'version' | 'createdAt' | 'updatedAt'>;
type MaterialFields = Omit<ItemMaterialRow, 'id' | 'itemId'>;

function text(value: unknown, field: string, max: number, required: boolean): string | null {
  if (value === undefined || value === null) {
    if (required) return invalid(field, '此项必须填写 / is required');
    return null;
  }
  if (typeof value !== 'string') return invalid(field, `此项须填写文字，现为 ${typeof value} / must be text, got ${typeof value}`);
  const t = value.trim();
  if (!t || isBlank(t)) {
    if (required) return invalid(field, '此项不能为空 / must not be empty');
    return null;
  }
  return requireFits(t, field, max);
}

function days(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    return invalid(field, `须填写 0 或以上的整数个工作日，现为 ${String(value)} / must be a whole number of working days, 0 or more, got ${String(value)}`);
  }
  if (value > MAX_LIMIT_DAYS) return invalid(field, `${value} 个工作日超过上限 ${MAX_LIMIT_DAYS} 个工作日，请核对天数 / ${value} working days is more than ${MAX_LIMIT_DAYS}; check the figure`);
  return value;
}

/**
 * R24: the unit whose clerks and chief representative decide the item at its deciding level, and so the
 * only staff there who handle its cases (packages/cases/src/case-scope.ts). `units`: the county hall's
 * window units, when known.
 */
function windowUnitOf(input: ItemInput, decidingUnit: string, p: string, units?: readonly string[]): string | null {
  const given = text(input.windowUnit, `${p}.windowUnit`, 64, false);
  switch (input.decidingLevel) {
    case 'VILLAGE':
      if (given) invalid(`${p}.windowUnit`, `村级决定的事项不设窗口单位，村便民服务室的代办员都可办理 / a village room has no window units; leave windowUnit empty (got ${JSON.stringify(given)})`);
      return null;
    case 'TOWNSHIP':
      if (!given) invalid(`${p}.windowUnit`, '乡镇决定的事项须写明由哪个窗口（岗位）办理，如“社保” / name the township desk that decides the item, e.g. 社保: only its clerks handle the cases');
      return given;
    default: {
      const unit = given ?? (!units || units.includes(decidingUnit) ? decidingUnit : null);
      if (!unit || (units && !units.includes(unit))) {
        const hall = units?.length ? units.join('、') : '（无）';
        invalid(
          `${p}.windowUnit`,
          `${given ? `县政务大厅没有窗口单位「${given}」` : `「${decidingUnit}」不是县政务大厅的窗口单位，请写明由哪个窗口单位办理`}；现有：${hall} / ` +
            `name the window unit of the county hall that decides the item (${given ? `there is no unit ${given}` : `${decidingUnit} has no window in the hall`}); the hall's units: ${units?.join(', ') || 'none'}`,
          { windowUnits: [...(units ?? [])] },
        );
      }
      return unit;
    }
  }
}

/** Validates a complete item (new, or an existing one with a patch applied); `p` is the error field prefix. */
export function validateItem(input: ItemInput, p = 'input', context: CatalogueContext = {}): { fields: ItemFields; materials: MaterialFields[] } {
  const code = text(input.code, `${p}.code`, 32, true)!;
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(code)) {
    invalid(`${p}.code`, `事项编码“${code}”不正确：只能用字母、数字和 -、_、.，如 XK-YJ-001 / "${code}" is not an item code: use letters, digits, '-', '_' or '.', e.g. XK-YJ-001`);
  }
  const name = text(input.name, `${p}.name`, 128, true)!;
  if (!CASE_KINDS.includes(input.kind)) invalid(`${p}.kind`, `办件类型须为 ${CASE_KINDS.join('、')} 之一，现为 ${String(input.kind)} / must be one of ${CASE_KINDS.join(', ')}, got ${String(input.kind)}`);
  const legalBasis = text(input.legalBasis, `${p}.legalBasis`, 4000, true)!;
  if (!LEVELS.includes(input.decidingLevel)) invalid(`${p}.decidingLevel`, `决定层级须为 ${LEVELS.join('、')} 之一，现为 ${String(input.decidingLevel)} / must be one of ${LEVELS.join(', ')}, got ${String(input.decidingLevel)}`);
  const decidingUnit = text(input.decidingUnit, `${p}.decidingUnit`, 64, true)!;

  const given = input.intakeLevels ?? [...LEVELS];
  if (given.length === 0) invalid(`${p}.intakeLevels`, '须至少选择一个收件层级（县、乡镇或村） / must name at least one level that takes the item in');
  for (const l of given) if (!LEVELS.includes(l)) invalid(`${p}.intakeLevels`, `收件层级只能是 ${LEVELS.join('、')}，现为 ${String(l)} / must be levels among ${LEVELS.join(', ')}, got ${String(l)}`);
  if (!given.includes(input.decidingLevel)) {
    invalid(`${p}.intakeLevels`, `收件层级须包含决定层级${LEVEL_LABELS[input.decidingLevel]}（${input.decidingLevel}）：决定事项的层级也受理该事项 / must include the deciding level ${input.decidingLevel}: the level that decides an item also takes it in`);
  }
  const above = given.filter((l) => RANK[l] > RANK[input.decidingLevel]);
  if (above.length) {
    invalid(
      `${p}.intakeLevels`,
      `${above.map((l) => LEVEL_LABELS[l]).join('、')}不能收件由${LEVEL_LABELS[input.decidingLevel]}决定的事项：办件只向上报送至决定层级，不向下转（R17） / ` +
        `${above.join(', ')} cannot take in an item decided at ${input.decidingLevel}: cases are forwarded up to the deciding level, never down (R17)`,
    );
  }
  const intakeLevels = LEVELS.filter((l) => given.includes(l)).join(',');
  const windowUnit = windowUnitOf(input, decidingUnit, p, context.windowUnits);

  const legalLimitDays = days(input.legalLimitDays, `${p}.legalLimitDays`);
  const promisedLimitDays = days(input.promisedLimitDays, `${p}.promisedLimitDays`);
  try {
    validatePromisedLimit(legalLimitDays, promisedLimitDays);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    // The domain's words after its field path, in English (the part after " / " when it is Chinese-first).
    const said = e.message.replace(/^[^:]*:\s*/, '');
    const english = said.includes(' / ') ? said.slice(said.indexOf(' / ') + 3) : said;
    invalid(
      `${p}.promisedLimitDays`,
      `承诺时限最多为法定时限的一半：法定时限 ${legalLimitDays} 个工作日，承诺时限最多 ${Math.floor(legalLimitDays / 2)} 个工作日，现为 ${promisedLimitDays} / ` +
        `${english} — R2: a promise is at most half the legal limit`,
      e.details,
    );
  }
  if (input.kind === 'IMMEDIATE' && promisedLimitDays !== 0) {
    invalid(`${p}.promisedLimitDays`, `即办件当场办结，承诺时限须为 0 个工作日，现为 ${promisedLimitDays} / an IMMEDIATE item (即办件) is done on the spot: its promised limit must be 0, got ${promisedLimitDays}`);
  }
  const fee = text(input.fee, `${p}.fee`, 128, false) ?? FREE;
  const feeBasis = text(input.feeBasis, `${p}.feeBasis`, 255, false);
  const procedure = text(input.procedure, `${p}.procedure`, 4000, true)!;
  const contactPhone = text(input.contactPhone, `${p}.contactPhone`, 32, false);
  if (contactPhone && !/^[0-9][0-9 ()+-]{2,31}$/.test(contactPhone)) {
    invalid(`${p}.contactPhone`, `咨询电话“${contactPhone}”不是有效的电话号码（只能含数字、空格、-、+ 和括号） / "${contactPhone}" is not a phone number (digits, spaces, -, +, parentheses)`);
  }

  if (!Array.isArray(input.materials) || input.materials.length === 0) {
    invalid(`${p}.materials`, '须至少列出一项申请材料（R1：办事指南公开全部材料） / must list at least one required material (R1: the guide publishes every material)');
  }
  if (input.materials.length > 100) invalid(`${p}.materials`, `列了 ${input.materials.length} 项材料，最多 100 项 / lists ${input.materials.length} materials; at most 100`);
  const seen = new Set<string>();
  const materials = input.materials.map((m, i): MaterialFields => {
    const f = `${p}.materials[${i}]`;
    const mName = text(m?.name, `${f}.name`, 128, true)!;
    if (seen.has(mName)) invalid(`${f}.name`, `材料“${mName}”重复列出 / "${mName}" is listed twice`);
    seen.add(mName);
    if (!MATERIAL_FORMS.includes(m.form)) invalid(`${f}.form`, `材料形式须为 ${MATERIAL_FORMS.join('、')} 之一，现为 ${String(m.form)} / must be one of ${MATERIAL_FORMS.join(', ')}, got ${String(m.form)}`);
    if (typeof m.copies !== 'number' || !Number.isInteger(m.copies) || m.copies < 1 || m.copies > 99) {
      invalid(`${f}.copies`, `份数须为 1 至 99 的整数，现为 ${String(m.copies)} / must be a whole number of copies from 1 to 99, got ${String(m.copies)}`);
    }
    return { position: i + 1, name: mName, form: m.form, copies: m.copies, note: text(m.note, `${f}.note`, 255, false) };
  });

  return {
    fields: {
      code, name, kind: input.kind, legalBasis, decidingLevel: input.decidingLevel, decidingUnit, windowUnit, intakeLevels,
      legalLimitDays, promisedLimitDays, fee, feeBasis, procedure, contactPhone,
    },
    materials,
  };
}

/**
 * The next catalogue version. The counter row stays locked until the transaction commits, so versions
 * become visible in the order they were issued and a replica pulling "since N" never skips one.
 */
export async function nextVersion(em: EntityManager): Promise<number> {
  await em.execute('update catalogue_sync set version = version + 1 where scope = ?', [MASTER_SCOPE]);
  const rows = await em.execute<{ version: number | string }[]>('select version from catalogue_sync where scope = ?', [MASTER_SCOPE]);
  if (rows[0]) return Number(rows[0].version);
  // Only a database that never had the county migration's counter row; start above whatever it holds.
  const [max] = await em.execute<{ v: number | string | null }[]>(
    'select max(v) as v from (select max(version) as v from service_item union all select max(version) as v from calendar_override) m',
  );
  const version = Number(max?.v ?? 0) + 1;
  await em.execute('insert into catalogue_sync (scope, version) values (?, ?)', [MASTER_SCOPE, version]);
  return version;
}

/** The last version issued by this (master) database. */
export async function masterVersion(em: EntityManager): Promise<number> {
  const rows = await em.execute<{ version: number | string }[]>('select version from catalogue_sync where scope = ?', [MASTER_SCOPE]);
  return rows[0] ? Number(rows[0].version) : 0;
}

async function assertCodeFree(em: EntityManager, countyCode: string, code: string, exceptId?: number) {
  const other = await em.findOne<ServiceItemRow>('ServiceItem', { countyCode, code });
  if (other && other.id !== exceptId) {
    invalid('input.code', `本县（${countyCode}）已有编码为 ${code} 的事项（${other.name}，编号 ${other.id}），同一县内事项编码不能重复 / county ${countyCode} already has item ${code} (${other.name}, id ${other.id}); item codes are unique in a county`);
  }
}

/** The director's note on a change, kept in the change log (a 255-character column). */
export const CHANGE_NOTE_MAX = 255;

function checkNote(approval: Approval): string | null {
  return optionalText(approval.note, 'note', CHANGE_NOTE_MAX);
}

function recordChange(em: EntityManager, itemId: number, action: ItemChangeAction, changed: string, approval: Approval, at: Date) {
  em.create<ItemChangeRow>('ItemChange', {
    itemId, action, changed, approvedBy: approval.approvedBy, approvedAt: at, note: checkNote(approval),
  } as ItemChangeRow);
}

/**
 * A hundred materials with long notes, before and after, would not fit the change log's TEXT column (and
 * nobody reads such a line): past this length the log says how the list changed, not every material.
 */
const MATERIALS_DESCRIBED_MAX = 4000;

function describeMaterials(ms: Pick<MaterialFields, 'name' | 'form' | 'copies' | 'note'>[]): string {
  const full = ms.map((m) => `${m.name} (${m.form} ×${m.copies}${m.note ? `, ${m.note}` : ''})`).join('、') || 'none';
  return full.length <= MATERIALS_DESCRIBED_MAX ? full : `${ms.length} materials (${ms.map((m) => m.name).join('、').slice(0, MATERIALS_DESCRIBED_MAX - 40)}…)`;
}

/** R3: adds an item to a county's catalogue, recorded with who approved it. */
export async function addItem(em: EntityManager, countyCode: string, input: ItemInput, approval: Approval, context: CatalogueContext = {}): Promise<ServiceItemRow> {
  const { fields, materials } = validateItem(input, 'input', context);
  checkNote(approval);
  return em.transactional(async (tx) => {
    await assertCodeFree(tx, countyCode, fields.code);
    const at = approval.at ?? new Date();
    const version = await nextVersion(tx);
    const item = tx.create<ServiceItemRow>('ServiceItem', {
      ...fields, countyCode, status: 'ACTIVE', version, createdAt: at, updatedAt: at,
    } as ServiceItemRow);
    await tx.flush();
    for (const m of materials) tx.create<ItemMaterialRow>('ItemMaterial', { ...m, itemId: item.id } as ItemMaterialRow);
    recordChange(
      tx, item.id, 'ADDED',
      `added ${fields.code} ${fields.name}: ${fields.kind}, decided at ${fields.decidingLevel} (${fields.decidingUnit}${fields.windowUnit && fields.windowUnit !== fields.decidingUnit ? `, window ${fields.windowUnit}` : ''}), taken in at ${fields.intakeLevels}; ` +
        `legal ${fields.legalLimitDays} / promised ${fields.promisedLimitDays} working days; fee ${fields.fee}; materials: ${describeMaterials(materials)}`,
      approval, at,
    );
    return item;
  });
}

const FIELD_ORDER: (keyof ItemFields)[] = [
  'code', 'name', 'kind', 'legalBasis', 'decidingLevel', 'decidingUnit', 'windowUnit', 'intakeLevels', 'legalLimitDays', 'promisedLimitDays',
  'fee', 'feeBasis', 'procedure', 'contactPhone',
];

async function loadItem(em: EntityManager, id: number | string, field = 'id'): Promise<ServiceItemRow> {
  const n = typeof id === 'number' ? id : /^\d{1,9}$/.test(id) ? Number(id) : NaN;
  const item = Number.isSafeInteger(n) ? await em.findOne<ServiceItemRow>('ServiceItem', { id: n }) : null;
  if (!item) return invalid(field, `本县事项目录中没有编号为 ${id} 的事项，请核对事项编号 / no service item ${id} in this county's catalogue`);
  return item;
}

/** R3: changes an item's guide; only what differs is written and logged. A withdrawn item cannot be changed. */
export async function changeItem(em: EntityManager, id: number | string, patch: ItemPatch, approval: Approval, context: CatalogueContext = {}): Promise<ServiceItemRow> {
  checkNote(approval);
  return em.transactional(async (tx) => {
    const item = await loadItem(tx, id);
    if (item.status === 'WITHDRAWN') invalid('id', `事项 ${item.id}（${item.name}）已停办，停办的事项不能再修改 / service item ${item.id} (${item.name}) is withdrawn; a withdrawn item is not changed`);
    const current = await tx.find<ItemMaterialRow>('ItemMaterial', { itemId: item.id }, { orderBy: { position: 'asc' } });
    const defined = Object.fromEntries(Object.entries(patch ?? {}).filter(([, v]) => v !== undefined)) as ItemPatch;
    // Moving the decision to another level, or to another unit the window unit was taken from, leaves the
    // window unit to be worked out again unless the change names one.
    const decidedElsewhere =
      (defined.decidingLevel !== undefined && defined.decidingLevel !== item.decidingLevel) ||
      (defined.decidingUnit !== undefined && defined.decidingUnit !== item.decidingUnit && item.windowUnit === item.decidingUnit);
    const merged: ItemInput = {
      code: item.code, name: item.name, kind: item.kind, legalBasis: item.legalBasis, decidingLevel: item.decidingLevel,
      decidingUnit: item.decidingUnit, windowUnit: decidedElsewhere ? null : item.windowUnit, intakeLevels: item.intakeLevels.split(',').filter(Boolean) as Level[],
      legalLimitDays: item.legalLimitDays, promisedLimitDays: item.promisedLimitDays, fee: item.fee, feeBasis: item.feeBasis,
      procedure: item.procedure, contactPhone: item.contactPhone,
      materials: current.map((m) => ({ name: m.name, form: m.form, copies: m.copies, note: m.note })),
      ...defined,
    };
    const { fields, materials } = validateItem(merged, 'input', context);
    const diffs: string[] = [];
    for (const f of FIELD_ORDER) {
      const before = item[f] ?? null;
      const after = fields[f] ?? null;
      if (before !== after) diffs.push(f === 'legalBasis' || f === 'procedure' ? `${f}: changed` : `${f}: ${before ?? '—'} → ${after ?? '—'}`);
    }
    const materialsBefore = describeMaterials(current);
    const materialsAfter = describeMaterials(materials);
    if (materialsBefore !== materialsAfter) diffs.push(`materials: ${materialsBefore} → ${materialsAfter}`);
    if (!diffs.length) invalid('input', `没有需要修改的内容：事项 ${item.id} 已是这样 / nothing to change: service item ${item.id} already reads like that`);
    if (fields.code !== item.code) await assertCodeFree(tx, item.countyCode, fields.code, item.id);

    const at = approval.at ?? new Date();
    tx.assign(item, { ...fields, version: await nextVersion(tx), updatedAt: at });
    if (materialsBefore !== materialsAfter) {
      await tx.nativeDelete<ItemMaterialRow>('ItemMaterial', { itemId: item.id });
      for (const m of current) tx.getUnitOfWork().unsetIdentity(m);
      for (const m of materials) tx.create<ItemMaterialRow>('ItemMaterial', { ...m, itemId: item.id } as ItemMaterialRow);
    }
    recordChange(tx, item.id, 'CHANGED', diffs.join('; '), approval, at);
    return item;
  });
}

/** R3: a withdrawn item takes no new cases (itemForIntake refuses it); its open cases continue and it stays readable. */
export async function withdrawItem(em: EntityManager, id: number | string, reason: string, approval: Approval): Promise<ServiceItemRow> {
  const why = text(reason, 'reason', 255, true)!;
  return em.transactional(async (tx) => {
    const item = await loadItem(tx, id);
    if (item.status === 'WITHDRAWN') invalid('id', `事项 ${item.id}（${item.name}）已经停办 / service item ${item.id} (${item.name}) is already withdrawn`);
    const at = approval.at ?? new Date();
    tx.assign(item, { status: 'WITHDRAWN', version: await nextVersion(tx), updatedAt: at });
    recordChange(tx, item.id, 'WITHDRAWN', `status: ACTIVE → WITHDRAWN (${why})`, { ...approval, note: why }, at);
    return item;
  });
}

/**
 * R13: a county declares a day working or not for its centres — e.g. next year's schedule before the library
 * knows it. The entry is that county's alone.
 */
export async function setCalendarDay(
  em: EntityManager,
  countyCode: string,
  input: { date: string; working: boolean; name?: string | null },
  setBy: string,
): Promise<CalendarOverrideRow> {
  const date = parseDate(input.date, 'date');
  if (typeof input.working !== 'boolean') invalid('working', `是否上班须填 true（上班）或 false（放假），现为 ${String(input.working)} / must be true or false, got ${String(input.working)}`);
  const name = text(input.name, 'name', 64, false);
  return em.transactional(async (tx) => {
    const version = await nextVersion(tx);
    const data = { working: input.working, name, setBy, setAt: new Date(), cleared: false, version };
    const existing = await tx.findOne<CalendarOverrideRow>('CalendarOverride', { countyCode, date });
    if (existing) return tx.assign(existing, data);
    return tx.create<CalendarOverrideRow>('CalendarOverride', { countyCode, date, ...data });
  });
}

/** Removes a county's override: the day is again what the library (or the weekday rule) says there. */
export async function clearCalendarDay(em: EntityManager, countyCode: string, dateInput: string, setBy: string): Promise<void> {
  const date = parseDate(dateInput, 'date');
  await em.transactional(async (tx) => {
    const existing = await tx.findOne<CalendarOverrideRow>('CalendarOverride', { countyCode, date, cleared: false });
    if (!existing) invalid('date', `${countyCode} 没有为 ${date} 设置日历条目，无需清除 / county ${countyCode} has no entry for ${date}; nothing to clear`);
    tx.assign(existing, { cleared: true, setBy, setAt: new Date(), version: await nextVersion(tx) });
  });
}

export interface SeedStats {
  inserted: number;
  updated: number;
  unchanged: number;
}

/**
 * Makes a county's catalogue contain `items` (by code), for the seed: adds missing items, changes those
 * that differ, leaves equal ones alone (a second run writes nothing), never withdraws. Every addition and
 * change gets a version and a change-log entry like a director's. Run it inside a transaction.
 */
export async function syncCatalogueItems(
  em: EntityManager,
  countyCode: string,
  items: ItemInput[],
  approval: Approval,
  context: CatalogueContext = {},
): Promise<{ service_item: SeedStats; item_material: SeedStats }> {
  const stats = { service_item: { inserted: 0, updated: 0, unchanged: 0 }, item_material: { inserted: 0, updated: 0, unchanged: 0 } };
  const existing = await em.find<ServiceItemRow>('ServiceItem', { countyCode });
  const byCode = new Map(existing.map((i) => [i.code, i]));
  const materialRows = existing.length ? await em.find<ItemMaterialRow>('ItemMaterial', { itemId: { $in: existing.map((i) => i.id) } }, { orderBy: { position: 'asc' } }) : [];
  const at = approval.at ?? new Date();
  for (const input of items) {
    const { fields, materials } = validateItem(input, `catalogue[${input.code}]`, context);
    const have = byCode.get(fields.code);
    if (!have) {
      const item = em.create<ServiceItemRow>('ServiceItem', { ...fields, countyCode, status: 'ACTIVE', version: await nextVersion(em), createdAt: at, updatedAt: at } as ServiceItemRow);
      await em.flush();
      for (const m of materials) em.create<ItemMaterialRow>('ItemMaterial', { ...m, itemId: item.id } as ItemMaterialRow);
      recordChange(em, item.id, 'ADDED', `added ${fields.code} ${fields.name} (demo catalogue)`, approval, at);
      stats.service_item.inserted++;
      stats.item_material.inserted += materials.length;
      continue;
    }
    const current = materialRows.filter((m) => m.itemId === have.id);
    const diffs = FIELD_ORDER.filter((f) => (have[f] ?? null) !== (fields[f] ?? null)).map((f) => `${f}: ${have[f] ?? '—'} → ${fields[f] ?? '—'}`);
    const materialsChanged = describeMaterials(current) !== describeMaterials(materials);
    if (materialsChanged) diffs.push(`materials: ${describeMaterials(current)} → ${describeMaterials(materials)}`);
    if (!diffs.length) {
      stats.service_item.unchanged++;
      stats.item_material.unchanged += current.length;
      continue;
    }
    em.assign(have, { ...fields, version: await nextVersion(em), updatedAt: at });
    if (materialsChanged) {
      await em.nativeDelete<ItemMaterialRow>('ItemMaterial', { itemId: have.id });
      for (const m of current) em.getUnitOfWork().unsetIdentity(m);
      for (const m of materials) em.create<ItemMaterialRow>('ItemMaterial', { ...m, itemId: have.id } as ItemMaterialRow);
      stats.item_material.updated += materials.length;
    } else stats.item_material.unchanged += current.length;
    recordChange(em, have.id, 'CHANGED', diffs.join('; '), approval, at);
    stats.service_item.updated++;
  }
  await em.flush();
  return stats;
}
