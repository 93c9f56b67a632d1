/**
 * What the screens read, and what of it this browser keeps so the window still works with the link down:
 * the point's item catalogue (to find an item, read its guide and fill a registration offline) and the
 * point's name. Cases are never kept: they hold applicants' personal data.
 */
import { gql, OfflineError, session, type Staff } from '../api.js';
import { LEVEL_FIELD, LEVEL_TYPE, type Level } from './words.js';

export interface Material {
  name: string;
  form: string;
  copies: number;
  note: string | null;
}

export interface Item {
  id: string;
  code: string;
  name: string;
  /** 拼音首字母 of the name (JHDJ for 结婚登记). */
  nameInitials: string;
  /** Cases of it taken in here in the last 90 days. */
  uses: number;
  kind: string;
  decidingLevel: Level;
  decidingUnit: string;
  legalBasis: string;
  legalLimitDays: number;
  promisedLimitDays: number;
  fee: string;
  procedure: string;
  contactPhone: string | null;
  materials: Material[];
}

export interface Point {
  code: string;
  name: string;
  centre: string;
  /** The centres above this point, nearest first: where a case can be sent (上报), by name. */
  above: { code: string; name: string }[];
}

async function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  try {
    const fresh = await load();
    localStorage.setItem(key, JSON.stringify(fresh));
    return fresh;
  } catch (e) {
    const kept = localStorage.getItem(key);
    if (e instanceof OfflineError && kept) return JSON.parse(kept) as T;
    throw e;
  }
}

const me = (): Staff => session()!.staff;

let items: Promise<Item[]> | null = null;
let itemsOf = '';

/** The items this point takes in (R4), from the network or, offline, as last seen here; read once per page and point. */
export function itemsTakenIn(): Promise<Item[]> {
  const s = me();
  const f = LEVEL_FIELD[s.level];
  if (itemsOf !== s.pointCode) items = null;
  itemsOf = s.pointCode;
  items ??= cached(`scf.items.${s.pointCode}`, async () => {
    const d = await gql(`query($c: ID!) { p: ${f}(code: $c) {
      itemsTakenIn { id code name nameInitials kind decidingLevel decidingUnit legalBasis legalLimitDays promisedLimitDays fee procedure contactPhone materials { name form copies note } }
      itemUse(days: 90) { itemId cases } } }`, { c: s.pointCode });
    // The point's everyday items first (most cases in the last 90 days), then the catalogue's order.
    const uses = new Map<string, number>((d.p.itemUse ?? []).map((u: { itemId: string; cases: number }) => [u.itemId, u.cases]));
    return (d.p.itemsTakenIn as Omit<Item, 'uses'>[])
      .map((i, n) => ({ ...i, uses: uses.get(i.id) ?? 0, n }))
      .sort((a, b) => b.uses - a.uses || a.n - b.n)
      .map(({ n: _, ...i }) => i);
  }).catch((e) => {
    items = null;
    throw e;
  });
  return items;
}

export async function itemById(id: string): Promise<Item | undefined> {
  return (await itemsTakenIn().catch(() => [] as Item[])).find((i) => i.id === id);
}

export function forgetItems(): void {
  items = null;
}

export function myPoint(): Promise<Point> {
  const s = me();
  const f = LEVEL_FIELD[s.level];
  const centre = s.level === 'VILLAGE' ? 'roomName' : 'centreName';
  return cached(`scf.point.${s.pointCode}`, async () => {
    const up = s.level === 'VILLAGE' ? 'township { code centreName county { code centreName } }' : s.level === 'TOWNSHIP' ? 'county { code centreName }' : '';
    const d = await gql(`query($c: ID!) { p: ${f}(code: $c) { code name ${centre} ${up} } }`, { c: s.pointCode });
    const above: Point['above'] = [];
    for (let q = d.p.township ?? d.p.county; q; q = q.county) above.push({ code: q.code, name: q.centreName });
    return { code: d.p.code, name: d.p.name, centre: d.p[centre], above } as Point;
  });
}

/** The fields of a case the case screen shows. */
export const CASE_FIELDS = `caseNo itemId itemName kind status allowedActions version
  applicant { type name idNumber creditCode phone masked } agent { name idNumber phone entrustmentRef masked }
  responsibleName registeredAt acceptedOn promisedLimitDays deadline light
  materials { position name form copies received }
  decision { outcome decidedOn reason rightsNotice timing } deliveredOn deliveryMethod evaluation
  history { action actionLabel toStatus at byName pointCode reason note missingMaterials { name problem } }`;

export const LIST_FIELDS = 'caseNo itemName status light deadline registeredAt version applicant { name }';

export const levelType = () => LEVEL_TYPE[me().level];
export const levelField = () => LEVEL_FIELD[me().level];
