import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestFederation, type TestFederation } from '@scf/federation/testing';

/**
 * The README's GraphQL examples, sent as written, in the README's order, on the day its case numbers were
 * made (28 September 2026): what a new user copies must work. Each document goes as its own request, signed
 * in as the README's demo account for that level; one with a "…" to fill in is skipped.
 */
const README = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

/** The top-level documents of one code block (`{ … }` or `mutation { … }`), without comments. */
function documents(block: string): string[] {
  const text = block.replace(/#[^\n"]*$/gm, '');
  const docs: string[] = [];
  let depth = 0;
  let start = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' && text[i - 1] !== '\\') inString = !inString;
    if (inString) continue;
    if (c === '{') depth++;
    if (c === '}' && --depth === 0) {
      docs.push(text.slice(start, i + 1).trim());
      start = i + 1;
    }
  }
  return docs;
}

const examples = [...README.matchAll(/```graphql\n([\s\S]*?)```/g)].flatMap((m) => documents(m[1]!));

/** Who the README has in mind: the village room's clerk, the township's 计生 desk, else the county director. */
function reader(doc: string): string {
  if (/forwardedToMe|handleForwardedTownshipCase/.test(doc)) return '140925100.d3.a';
  if (/registerVillageCase|actVillageCase|villageCase\(|casesAway/.test(doc)) return '140925100207.a';
  return '140925.director';
}

describe('the README’s examples', () => {
  let fed: TestFederation;

  beforeAll(async () => {
    fed = await startTestFederation();
    await fed.seed('140925');
    fed.setNow('2026-09-28T02:00:00Z');
  });
  afterAll(() => fed?.close());

  it('are there to run: the case walk-through, delegation, the calendar and the dashboard', () => {
    expect(examples.length).toBeGreaterThan(20);
    for (const field of ['registerVillageCase', 'actVillageCase', 'trackMyCase', 'forwardedToMe', 'setCalendarDay', 'clearCalendarDay', 'countyDashboard', 'punch', 'importPunches', 'attendanceSheet']) {
      expect(examples.some((d) => d.includes(field) && !d.includes('…')), field).toBe(true);
    }
  });

  it('each answers without an error, in order, as written', async () => {
    const failed: string[] = [];
    for (const doc of examples) {
      if (doc.includes('…')) continue;
      const { data, errors } = await fed.as(reader(doc)).query(doc);
      if (errors || !data) failed.push(`${doc.slice(0, 90)} → ${JSON.stringify(errors ?? data)}`);
    }
    expect(failed).toEqual([]);
  });

  it('walks the case the README registers up to 凤凰镇, whose 计生 desk finds it waiting with its details', async () => {
    const { data } = await fed.as('140925100.d3.a').query(
      `{ township(code: "140925100") { forwardedToMe { caseNo itemName origin { name } materials { name received } } } }`,
    );
    expect(data.township.forwardedToMe).toEqual([
      {
        caseNo: '140925100207-20260928-00001',
        itemName: '流动人口婚育证明',
        origin: { name: '秃峦妥村便民服务室' },
        materials: expect.arrayContaining([expect.objectContaining({ received: true })]),
      },
    ]);
  });

  it('refuses the calendar’s mutations sent together as one request, and saves neither: one change per request', async () => {
    const director = fed.as('140925.director');
    const before = await director.query(`{ calendarOverrides(year: 2027) { date } }`);
    const { data, errors } = await director.query(`mutation {
      a: setCalendarDay(date: "2027-02-11", working: false, name: "春节") { date }
      b: clearCalendarDay(date: "2027-03-01") { date } }`);
    expect(data).toBeUndefined();
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'mutationFields', max: 1, fields: 2 });
    expect(errors?.[0]?.message).toMatch(/^一次请求只能提交一项修改/);
    expect((await director.query(`{ calendarOverrides(year: 2027) { date } }`)).data).toEqual(before.data);
  });
});

