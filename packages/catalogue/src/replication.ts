import { timingSafeEqual } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { invalid, validateDivisionCode } from '@scf/domain';
import type { CalendarOverrideRow, CatalogueSyncRow, ItemMaterialRow, ServiceItemRow } from './entities.js';
import { masterVersion } from './master.js';

/**
 * What the county serves at `GET /internal/catalogue?county=<code>&since=<version>`: the county's items
 * (each with its full materials list) and its calendar overrides changed in (since, version].
 */
export interface CatalogueFeed {
  county: string;
  since: number;
  version: number;
  items: (ServiceItemRow & { materials: ItemMaterialRow[] })[];
  overrides: CalendarOverrideRow[];
}

export const INTERNAL_TOKEN_HEADER = 'x-scf-internal-token';

/**
 * The internal catalogue feed's secret (townships and villages present it to the county): env
 * SCF_INTERNAL_TOKEN. In production it must be set, at least 32 characters — the development default is
 * public. Throws, naming the variable, so the subgraph does not start.
 */
export function internalTokenFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const value = env.SCF_INTERNAL_TOKEN;
  if (value && value.length >= 32) return value;
  if (env.NODE_ENV === 'production') {
    throw new Error('SCF_INTERNAL_TOKEN must be set to a random string of at least 32 characters in production (e.g. openssl rand -base64 48), the same on all three subgraphs and different from SCF_HANDOVER_TOKEN');
  }
  if (value) throw new Error('SCF_INTERNAL_TOKEN is too short: use at least 32 characters');
  return 'dev-internal-token';
}

export function tokenMatches(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Reads the feed from the master (county) database. `since` above the master's version means a reset master: start over. */
export async function catalogueFeed(em: EntityManager, county: string, since: number): Promise<CatalogueFeed> {
  validateDivisionCode(county, 'COUNTY');
  if (!Number.isSafeInteger(since) || since < 0) invalid('since', `事项目录的版本号须为 0 或以上的整数，现为 ${since} / must be a version number, 0 or more, got ${since}`);
  // The counter first: every version up to it is committed (see nextVersion), so (since, version] is complete.
  const version = await masterVersion(em);
  const range = { $gt: since, $lte: version };
  const items = await em.find<ServiceItemRow>('ServiceItem', { countyCode: county, version: range }, { orderBy: { version: 'asc', id: 'asc' } });
  const materials = items.length
    ? await em.find<ItemMaterialRow>('ItemMaterial', { itemId: { $in: items.map((i) => i.id) } }, { orderBy: { itemId: 'asc', position: 'asc' } })
    : [];
  const overrides = await em.find<CalendarOverrideRow>('CalendarOverride', { countyCode: county, version: range }, { orderBy: { version: 'asc' } });
  const plain = <T extends object>(row: T): T => ({ ...row });
  return {
    county, since, version,
    items: items.map((i) => ({ ...plain(i), materials: materials.filter((m) => m.itemId === i.id).map(plain) })),
    overrides: overrides.map(plain),
  };
}

const asDate = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));

/**
 * Applies a feed to a replica (township or village database), idempotently: items keep the master's ids,
 * materials are replaced per item, overrides are upserted by date, and the county's sync row records the
 * version. Returns how many items and overrides it wrote.
 */
export async function applyCatalogueFeed(em: EntityManager, feed: CatalogueFeed): Promise<{ applied: number }> {
  return em.transactional(async (tx) => {
    const state = await tx.findOne<CatalogueSyncRow>('CatalogueSync', { scope: feed.county });
    if (state && state.version === feed.version && !feed.items.length && !feed.overrides.length) return { applied: 0 };
    const items = [...feed.items].sort((a, b) => a.version - b.version);
    const ids = items.map((i) => i.id);
    const existing = ids.length ? await tx.find<ServiceItemRow>('ServiceItem', { id: { $in: ids } }, { disableIdentityMap: true }) : [];
    const have = new Map(existing.map((i) => [i.id, i]));
    // A code may move from one item to another within one feed; park changed codes so the unique key never trips.
    for (const i of items) {
      const old = have.get(i.id);
      if (old && old.code !== i.code) await tx.nativeUpdate<ServiceItemRow>('ServiceItem', { id: i.id }, { code: `~${i.id}` });
    }
    for (const { materials: _, ...i } of items) {
      const row = { ...i, createdAt: asDate(i.createdAt), updatedAt: asDate(i.updatedAt) };
      if (have.has(i.id)) await tx.nativeUpdate<ServiceItemRow>('ServiceItem', { id: i.id }, row);
      else await tx.insert<ServiceItemRow>('ServiceItem', row);
    }
    if (ids.length) {
      await tx.nativeDelete<ItemMaterialRow>('ItemMaterial', { itemId: { $in: ids } });
      const materials = items.flatMap((i) => i.materials);
      if (materials.length) await tx.insertMany<ItemMaterialRow>('ItemMaterial', materials);
    }
    for (const o of feed.overrides) {
      // Only the feed's own county's entries: a county never sets another's calendar, even by its feed.
      if (o.countyCode !== feed.county) throw new Error(`catalogue feed of ${feed.county} carries a calendar entry of ${o.countyCode}`);
      const row = { ...o, setAt: asDate(o.setAt) };
      const key = { countyCode: o.countyCode, date: o.date };
      const found = await tx.count<CalendarOverrideRow>('CalendarOverride', key);
      if (found) await tx.nativeUpdate<CalendarOverrideRow>('CalendarOverride', key, row);
      else await tx.insert<CalendarOverrideRow>('CalendarOverride', row);
    }
    const now = new Date();
    if (state) await tx.nativeUpdate<CatalogueSyncRow>('CatalogueSync', { scope: feed.county }, { version: feed.version, syncedAt: now });
    else await tx.insert<CatalogueSyncRow>('CatalogueSync', { scope: feed.county, version: feed.version, syncedAt: now });
    return { applied: items.length + feed.overrides.length };
  });
}

/** The version of a county's catalogue this replica has applied (0: none yet). */
export async function replicaVersion(em: EntityManager, county: string): Promise<number> {
  const row = await em.findOne<CatalogueSyncRow>('CatalogueSync', { scope: county }, { disableIdentityMap: true });
  return row?.version ?? 0;
}

/** Copies one county's catalogue from the master database straight into a replica database (the seed uses it). */
export async function replicateDirect(master: EntityManager, replica: EntityManager, county: string): Promise<{ applied: number }> {
  const since = await replicaVersion(replica, county);
  let feed = await catalogueFeed(master, county, since);
  if (feed.version < since) feed = await catalogueFeed(master, county, 0);
  return applyCatalogueFeed(replica, feed);
}

export interface CatalogueReplicaOptions {
  /** Which subgraph this is, for log lines. */
  name: string;
  orm: MikroORM;
  /** The county subgraph's base URL, e.g. http://127.0.0.1:4001 (no /graphql). */
  countyInternalUrl: string;
  token: string;
  /** The counties this database holds points of: their catalogues are pulled. */
  countyCodes(em: EntityManager): Promise<string[]>;
  log?: (line: string) => void;
  /** How long one pull may take before it is abandoned until the next tick. */
  timeoutMs?: number;
}

export interface CatalogueReplica {
  /** Pulls every county's changes now; throws when the county cannot be reached. Calls never overlap. */
  sync(): Promise<{ applied: number }>;
  /** The background tick: like sync, but a failure is logged (once per outage) and the replica keeps what it has. */
  tick(): Promise<void>;
}

export function catalogueReplica(opts: CatalogueReplicaOptions): CatalogueReplica {
  const log = opts.log ?? ((line: string) => console.warn(line));
  let chain: Promise<unknown> = Promise.resolve();
  let failing = false;
  const base = opts.countyInternalUrl.replace(/\/+$/, '').replace(/\/graphql$/, '');

  async function fetchFeed(county: string, since: number): Promise<CatalogueFeed> {
    const url = `${base}/internal/catalogue?county=${encodeURIComponent(county)}&since=${since}`;
    const res = await fetch(url, { headers: { [INTERNAL_TOKEN_HEADER]: opts.token }, signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000) });
    if (!res.ok) throw new Error(`${url} answered ${res.status} ${(await res.text()).slice(0, 200)}`);
    return (await res.json()) as CatalogueFeed;
  }

  async function pullAll(): Promise<{ applied: number }> {
    const em = opts.orm.em.fork() as EntityManager;
    let applied = 0;
    for (const county of await opts.countyCodes(em)) {
      const since = await replicaVersion(em, county);
      let feed = await fetchFeed(county, since);
      // The master is behind us: it was rebuilt. Take its whole catalogue again.
      if (feed.version < since) feed = await fetchFeed(county, 0);
      applied += (await applyCatalogueFeed(opts.orm.em.fork() as EntityManager, feed)).applied;
    }
    return { applied };
  }

  function sync(): Promise<{ applied: number }> {
    const run = chain.then(pullAll, pullAll);
    chain = run.catch(() => undefined);
    return run;
  }

  return {
    sync,
    async tick() {
      try {
        await sync();
        if (failing) log(`[${opts.name}] catalogue replication from ${base} works again`);
        failing = false;
      } catch (e) {
        if (!failing) log(`[${opts.name}] cannot pull the catalogue from ${base} (${(e as Error).message}); keeping the replica as it is, retrying`);
        failing = true;
      }
    },
  };
}
