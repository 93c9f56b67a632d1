import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/knex';
import { catalogueReplica, itemForIntake, loadCalendar, type ServiceItemRow } from '@scf/catalogue';
import { startTestFederation, type TestFederation } from '@scf/federation/testing';

const NINGWU = '140925';
const DIRECTOR = `${NINGWU}.director`;
const CLERK = `${NINGWU}.w01.a`;
const TOWNSHIP = '140925100';
const VILLAGE = '140925100207';

const codes = (items: { code: string }[]) => items.map((i) => i.code).sort();

/** A complete, valid guide for a new item; each bad-input case below breaks one thing in it. */
const goodItem = (over: Record<string, unknown> = {}) => ({
  code: 'XK-WS-101',
  name: '公共场所卫生许可',
  kind: 'PROMISED',
  legalBasis: '《公共场所卫生管理条例》第八条',
  decidingLevel: 'COUNTY',
  decidingUnit: '县卫生健康局',
  legalLimitDays: 20,
  promisedLimitDays: 10,
  procedure: '申请 → 受理 → 现场审查 → 决定 → 送达',
  contactPhone: '0350-4722345',
  materials: [
    { name: '卫生许可证申请表', form: 'ORIGINAL', copies: 1 },
    { name: '营业执照', form: 'COPY', copies: 1 },
  ],
  ...over,
});

const ITEM_FIELDS = 'id code name kind decidingLevel intakeLevels legalLimitDays promisedLimitDays fee withdrawn materials { name form copies } changes { action changed approvedBy approver { name role } approvedAt note }';

const ADD = `mutation Add($county: ID!, $input: ServiceItemInput!, $note: String) {
  addServiceItem(countyCode: $county, input: $input, note: $note) { ${ITEM_FIELDS} }
}`;
const CHANGE = `mutation Change($id: ID!, $input: ServiceItemChange!) {
  changeServiceItem(id: $id, input: $input) { ${ITEM_FIELDS} }
}`;
const WITHDRAW = `mutation Withdraw($id: ID!, $reason: String!) {
  withdrawServiceItem(id: $id, reason: $reason) { ${ITEM_FIELDS} }
}`;

describe('the service-item catalogue, kept by the county and replicated to every level', () => {
  let fed: TestFederation;
  /** Catalogue changes run signed in as `by`, the approving director the change log records. */
  const run = (query: string, { by, ...variables }: Record<string, unknown> & { by: string }) => fed.as(by).query(query, variables);
  const countyEm = () => fed.county.orm.em.fork() as EntityManager;
  const townshipEm = () => fed.township.orm.em.fork() as EntityManager;
  const villageEm = () => fed.village.orm.em.fork() as EntityManager;
  /** What the county database holds: every item row, material row and change-log row. */
  const written = async () => ({
    items: await countyEm().count('ServiceItem', {}),
    materials: await countyEm().count('ItemMaterial', {}),
    changes: await countyEm().count('ItemChange', {}),
  });

  beforeAll(async () => {
    fed = await startTestFederation();
    await fed.seed(NINGWU);
  });
  afterAll(() => fed?.close());

  describe('which items a point may take in and which it decides', () => {
    it('a village room takes in county and township items to forward, but decides only village items', async () => {
      const { data, errors } = await fed.query(`{
        village(code: "${VILLAGE}") { name itemsTakenIn { code decidingLevel } itemsDecided { code decidingLevel } }
      }`);
      expect(errors).toBeUndefined();
      const takenIn = data.village.itemsTakenIn;
      expect(codes(takenIn)).toContain('XK-YJ-001'); // 烟花爆竹零售经营许可, decided by the county
      expect(codes(takenIn)).toContain('QR-SB-006'); // 异地养老金资格认定, decided by the township
      expect(codes(takenIn)).not.toContain('DJ-MZ-010'); // 婚姻登记: both parties appear at the county registry
      expect(takenIn.some((i: any) => i.decidingLevel === 'COUNTY')).toBe(true);
      expect(codes(data.village.itemsDecided)).toEqual(['SC-CW-013']);
    });

    it('a township centre decides the township items and takes in the county ones', async () => {
      const { data, errors } = await fed.query(`{ township(code: "${TOWNSHIP}") { itemsTakenIn { code } itemsDecided { code } } }`);
      expect(errors).toBeUndefined();
      expect(codes(data.township.itemsDecided)).toEqual(['BA-NJ-012', 'DJ-YB-011', 'QR-SB-006', 'ZM-JS-007']);
      expect(codes(data.township.itemsTakenIn)).toContain('XK-YJ-001');
      expect(codes(data.township.itemsTakenIn)).not.toContain('SC-CW-013'); // a village matter never goes up
    });

    it('the county centre decides the county items and takes in only what is decided at county level', async () => {
      const { data, errors } = await fed.query(`{ county(code: "${NINGWU}") { itemsTakenIn { code } itemsDecided { code decidingLevel } } }`);
      expect(errors).toBeUndefined();
      expect(data.county.itemsDecided.every((i: any) => i.decidingLevel === 'COUNTY')).toBe(true);
      expect(codes(data.county.itemsTakenIn)).toEqual(codes(data.county.itemsDecided));
      expect(codes(data.county.itemsTakenIn)).toContain('DJ-MZ-010');
    });

    it('answers for every township and village of the county with a fixed number of county statements', async () => {
      // Signed in: every village's catalogue at once costs more than a caller who is not signed in may ask.
      // The sign-in and its account check come first, so the count below is the query's alone.
      await fed.as(DIRECTOR).query('{ __typename }');
      fed.resetSqlCounts();
      const { data, errors } = await fed.as(DIRECTOR).query(`{
        county(code: "${NINGWU}") { townships { code itemsDecided { code } villages { code itemsTakenIn { code } itemsDecided { code } } } }
      }`);
      expect(errors).toBeUndefined();
      const villages = data.county.townships.flatMap((t: any) => t.villages);
      expect(villages).toHaveLength(209);
      for (const v of villages) expect(codes(v.itemsDecided)).toEqual(['SC-CW-013']);
      // One IN query for the items per batch the gateway sends, however many points it asks about.
      expect(fed.sqlCounts().county).toBeLessThanOrEqual(4);
    });
  });

  describe('a director adds, changes and withdraws items, and each step is logged', () => {
    let id: string;

    it('adds an item with its guide and materials; the log says who approved it and when', async () => {
      const before = await written();
      const { data, errors } = await run(ADD, { county: NINGWU, input: goodItem(), by: DIRECTOR, note: '县政府常务会议 2026-03 批准' });
      expect(errors).toBeUndefined();
      const item = data.addServiceItem;
      id = item.id;
      expect(item).toMatchObject({ code: 'XK-WS-101', decidingLevel: 'COUNTY', legalLimitDays: 20, promisedLimitDays: 10, fee: '不收费', withdrawn: false });
      // No levels given: any point of the county may take it in (R4).
      expect(item.intakeLevels).toEqual(['COUNTY', 'TOWNSHIP', 'VILLAGE']);
      expect(item.materials).toEqual([
        { name: '卫生许可证申请表', form: 'ORIGINAL', copies: 1 },
        { name: '营业执照', form: 'COPY', copies: 1 },
      ]);
      expect(item.changes).toHaveLength(1);
      expect(item.changes[0]).toMatchObject({ action: 'ADDED', approvedBy: DIRECTOR, approver: { role: 'DIRECTOR' }, note: '县政府常务会议 2026-03 批准' });
      expect(Date.now() - Date.parse(item.changes[0].approvedAt)).toBeLessThan(60_000);
      expect(await written()).toEqual({ items: before.items + 1, materials: before.materials + 2, changes: before.changes + 1 });

      const { data: point } = await fed.query(`{ village(code: "${VILLAGE}") { itemsTakenIn { code } } }`);
      expect(codes(point.village.itemsTakenIn)).toContain('XK-WS-101');
    });

    it('changes the promised limit and the materials; the log shows before and after', async () => {
      const { data, errors } = await run(CHANGE, {
        id,
        input: { promisedLimitDays: 8, materials: [{ name: '卫生许可证申请表', form: 'ORIGINAL', copies: 2 }] },
        by: DIRECTOR,
      });
      expect(errors).toBeUndefined();
      const item = data.changeServiceItem;
      expect(item.promisedLimitDays).toBe(8);
      expect(item.legalLimitDays).toBe(20);
      expect(item.materials).toEqual([{ name: '卫生许可证申请表', form: 'ORIGINAL', copies: 2 }]);
      expect(item.changes.map((c: any) => c.action)).toEqual(['ADDED', 'CHANGED']);
      expect(item.changes[1].changed).toContain('promisedLimitDays: 10 → 8');
      expect(item.changes[1].changed).toContain('materials:');
      expect(item.changes[1].approvedBy).toBe(DIRECTOR);
    });

    it('withdraws the item: it leaves the points’ lists and takes no new cases, but stays readable with its history', async () => {
      const { data, errors } = await run(WITHDRAW, { id, reason: '并入综合许可', by: DIRECTOR });
      expect(errors).toBeUndefined();
      expect(data.withdrawServiceItem.withdrawn).toBe(true);
      expect(data.withdrawServiceItem.changes.map((c: any) => c.action)).toEqual(['ADDED', 'CHANGED', 'WITHDRAWN']);
      expect(data.withdrawServiceItem.changes[2].note).toBe('并入综合许可');

      const { data: lists } = await fed.query(`{
        county(code: "${NINGWU}") { active: serviceItems { code } all: serviceItems(includeWithdrawn: true) { code withdrawn } itemsTakenIn { code } }
        village(code: "${VILLAGE}") { itemsTakenIn { code } }
      }`);
      expect(codes(lists.county.active)).not.toContain('XK-WS-101');
      expect(codes(lists.county.itemsTakenIn)).not.toContain('XK-WS-101');
      expect(codes(lists.village.itemsTakenIn)).not.toContain('XK-WS-101');
      expect(lists.county.all.find((i: any) => i.code === 'XK-WS-101')).toEqual({ code: 'XK-WS-101', withdrawn: true });
      await expect(itemForIntake(countyEm(), id, 'COUNTY')).rejects.toMatchObject({
        code: 'INVALID_INPUT', field: 'itemId', message: expect.stringContaining('is withdrawn and takes no new cases'),
      });
    });

    it('refuses to change or withdraw a withdrawn item again, writing nothing', async () => {
      const before = await written();
      const again = await run(WITHDRAW, { id, reason: '重复', by: DIRECTOR });
      expect(again.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'id' }, message: expect.stringContaining('already withdrawn') });
      const change = await run(CHANGE, { id, input: { promisedLimitDays: 5 }, by: DIRECTOR });
      expect(change.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'id' } });
      expect(await written()).toEqual(before);
    });
  });

  describe('bad input is refused with the field and the reason, and nothing is written', () => {
    const materials = (m: object) => [{ name: '申请表', form: 'ORIGINAL', copies: 1, ...m }];
    it.each([
      ['a promised limit over half the legal one (R2)', { legalLimitDays: 20, promisedLimitDays: 11 }, 'input.promisedLimitDays', 'exceeds half of the legal limit 20 (at most 10)'],
      ['a negative legal limit', { legalLimitDays: -1, promisedLimitDays: 0 }, 'input.legalLimitDays', 'whole number of working days'],
      ['an immediate item with a promised limit', { kind: 'IMMEDIATE', legalLimitDays: 10, promisedLimitDays: 2 }, 'input.promisedLimitDays', 'IMMEDIATE'],
      ['a code the county already uses', { code: 'XK-YJ-001' }, 'input.code', 'already has item XK-YJ-001'],
      ['a code with spaces', { code: 'XK YJ' }, 'input.code', 'is not an item code'],
      ['an empty name', { name: '  ' }, 'input.name', 'must not be empty'],
      ['intake levels without the deciding level', { decidingLevel: 'TOWNSHIP', intakeLevels: ['VILLAGE'] }, 'input.intakeLevels', 'must include the deciding level TOWNSHIP'],
      ['a level above the decider taking it in', { decidingLevel: 'VILLAGE', intakeLevels: ['COUNTY', 'VILLAGE'] }, 'input.intakeLevels', 'COUNTY cannot take in an item decided at VILLAGE'],
      ['no materials', { materials: [] }, 'input.materials', 'at least one required material'],
      ['a material with no copies', { materials: materials({ copies: 0 }) }, 'input.materials[0].copies', 'from 1 to 99'],
      ['a material without a name', { materials: materials({ name: '' }) }, 'input.materials[0].name', 'must not be empty'],
      ['a material listed twice', { materials: [...materials({}), ...materials({})] }, 'input.materials[1].name', 'listed twice'],
      ['a phone that is not a phone', { contactPhone: 'call us' }, 'input.contactPhone', 'is not a phone number'],
    ])('refuses %s', async (_, over, field, message) => {
      const before = await written();
      const { data, errors } = await run(ADD, { county: NINGWU, input: goodItem({ code: 'XK-NEW-1', ...over }), by: DIRECTOR });
      expect(data ?? null).toBeNull();
      expect(errors).toHaveLength(1);
      expect(errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(errors![0]!.message).toContain(message);
      expect(await written()).toEqual(before);
    });

    it('refuses a change from someone not signed in', async () => {
      const before = await written();
      const { errors } = await fed.query(ADD, { county: NINGWU, input: goodItem({ code: 'XK-NEW-2' }) });
      expect(errors![0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
      expect(await written()).toEqual(before);
    });

    it.each([
      ['a window clerk', CLERK, 'Only DIRECTOR may change the item catalogue'],
      ['a township director', `${TOWNSHIP}.director`, 'only the county centre\'s director approves'],
    ])('refuses a change by %s', async (_, by, message) => {
      const before = await written();
      const { errors } = await run(ADD, { county: NINGWU, input: goodItem({ code: 'XK-NEW-2' }), by });
      expect(errors![0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining(message) });
      expect(await written()).toEqual(before);
    });

    it('refuses a county that is not loaded', async () => {
      const { errors } = await run(ADD, { county: '999999', input: goodItem({ code: 'XK-NEW-3' }), by: DIRECTOR });
      expect(errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'countyCode' } });
    });

    it('refuses changes that break a rule, name an unknown item or change nothing', async () => {
      const { data } = await fed.query(`{ county(code: "${NINGWU}") { serviceItems { id code promisedLimitDays } } }`);
      const fireworks = data.county.serviceItems.find((i: any) => i.code === 'XK-YJ-001');
      const before = await written();
      const cases: [Record<string, unknown>, string, string][] = [
        [{ id: fireworks.id, input: { promisedLimitDays: 11 } }, 'input.promisedLimitDays', 'at most 10'],
        [{ id: fireworks.id, input: { code: 'BA-YJ-002' } }, 'input.code', 'already has item BA-YJ-002'],
        [{ id: fireworks.id, input: { promisedLimitDays: fireworks.promisedLimitDays } }, 'input', 'nothing to change'],
        [{ id: '999999', input: { promisedLimitDays: 1 } }, 'id', 'no service item 999999'],
      ];
      for (const [vars, field, message] of cases) {
        const { errors } = await run(CHANGE, { ...vars, by: DIRECTOR });
        expect(errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field }, message: expect.stringContaining(message) });
      }
      const blank = await run(WITHDRAW, { id: fireworks.id, reason: ' ', by: DIRECTOR });
      expect(blank.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'reason' } });
      expect(await written()).toEqual(before);
      const { data: after } = await fed.query(`{ county(code: "${NINGWU}") { serviceItems { code promisedLimitDays withdrawn } } }`);
      expect(after.county.serviceItems.find((i: any) => i.code === 'XK-YJ-001')).toMatchObject({ promisedLimitDays: 10, withdrawn: false });
    });
  });

  describe('township and village databases hold a replica pulled from the county', () => {
    it('hold the county’s catalogue after a sync, with the same item ids, withdrawn items included', async () => {
      await fed.syncCatalogues();
      const master = await countyEm().find<ServiceItemRow>('ServiceItem', { countyCode: NINGWU }, { orderBy: { id: 'asc' } });
      for (const em of [townshipEm(), villageEm()]) {
        const replica = await em.find<ServiceItemRow>('ServiceItem', { countyCode: NINGWU }, { orderBy: { id: 'asc' } });
        expect(replica.map((i) => [i.id, i.code, i.status, i.promisedLimitDays])).toEqual(master.map((i) => [i.id, i.code, i.status, i.promisedLimitDays]));
      }
    });

    it('receive an added item with its materials and a calendar override once they sync', async () => {
      const { data } = await run(ADD, {
        county: NINGWU, by: DIRECTOR,
        input: goodItem({ code: 'DJ-CW-201', name: '村级集体经济组织成员身份确认', decidingLevel: 'VILLAGE', decidingUnit: '村民委员会', intakeLevels: ['VILLAGE'], legalLimitDays: 10, promisedLimitDays: 5 }),
      });
      const id = Number(data.addServiceItem.id);
      const set = await fed.as(DIRECTOR).query(`mutation { setCalendarDay(date: "2027-01-01", working: false, name: "元旦") { source } }`);
      expect(set.errors).toBeUndefined();

      const { applied } = await fed.syncCatalogues();
      expect(applied).toBeGreaterThanOrEqual(4); // the item and the override, in each of two databases

      const intake = await itemForIntake(villageEm(), id, 'VILLAGE');
      expect(intake.item).toMatchObject({ id, code: 'DJ-CW-201', decidingLevel: 'VILLAGE', status: 'ACTIVE' });
      expect(intake.materials.map((m) => m.name)).toEqual(['卫生许可证申请表', '营业执照']);
      await expect(itemForIntake(townshipEm(), id, 'TOWNSHIP')).rejects.toMatchObject({
        field: 'itemId', message: expect.stringContaining('cannot be taken in at a township centre'),
      });
      for (const em of [townshipEm(), villageEm()]) {
        expect((await loadCalendar(em, NINGWU)).dayInfo('2027-01-01')).toMatchObject({ working: false, name: '元旦', source: 'override' });
      }
      // Syncing again finds nothing new.
      expect(await fed.syncCatalogues()).toEqual({ applied: 0 });
    });

    it('learn of a withdrawal: the village refuses new cases for the item', async () => {
      const { data } = await fed.query(`{ county(code: "${NINGWU}") { serviceItems { id code } } }`);
      const id = data.county.serviceItems.find((i: any) => i.code === 'DJ-CW-201').id;
      await run(WITHDRAW, { id, reason: '政策调整', by: DIRECTOR });
      await expect(itemForIntake(villageEm(), id, 'VILLAGE')).resolves.toBeTruthy();
      await fed.syncCatalogues();
      await expect(itemForIntake(villageEm(), id, 'VILLAGE')).rejects.toMatchObject({ message: `itemId: 事项 ${id}（村级集体经济组织成员身份确认）已停办，不再受理新的办件 / service item ${id} (村级集体经济组织成员身份确认) is withdrawn and takes no new cases` });
    });

    it('an unknown item is refused at intake with a clear message', async () => {
      await expect(itemForIntake(townshipEm(), 999, 'TOWNSHIP')).rejects.toMatchObject({
        code: 'INVALID_INPUT', field: 'itemId', message: "itemId: 本县事项目录中没有编号为 999 的事项，请核对事项编号 / no service item 999 in this county's catalogue",
      });
    });

    it('keep what they have when the county cannot be reached, and say so once', async () => {
      const lines: string[] = [];
      const cut = catalogueReplica({
        name: 'township', orm: fed.township.orm, countyInternalUrl: 'http://127.0.0.1:9', token: 'dev-internal-token',
        countyCodes: async () => [NINGWU], log: (l) => lines.push(l), timeoutMs: 2000,
      });
      const before = await townshipEm().count('ServiceItem', {});
      await expect(cut.sync()).rejects.toThrow();
      await cut.tick();
      await cut.tick();
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('cannot pull the catalogue');
      expect(await townshipEm().count('ServiceItem', {})).toBe(before);
    });

    it('the county serves its feed only to callers with the internal token', async () => {
      const url = `${fed.county.baseUrl}/internal/catalogue?county=${NINGWU}&since=0`;
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: { 'x-scf-internal-token': 'guess' } })).status).toBe(401);
      const ok = await fetch(url, { headers: { 'x-scf-internal-token': 'dev-internal-token' } });
      expect(ok.status).toBe(200);
      const feed = (await ok.json()) as any;
      expect(feed.county).toBe(NINGWU);
      expect(feed.items.length).toBeGreaterThanOrEqual(13);
      expect(feed.items[0].materials.length).toBeGreaterThan(0);
      const bad = await fetch(`${fed.county.baseUrl}/internal/catalogue?county=abc`, { headers: { 'x-scf-internal-token': 'dev-internal-token' } });
      expect(bad.status).toBe(400);
    });
  });
});
