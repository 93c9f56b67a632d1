import type { MikroORM } from '@mikro-orm/core';
import { LEVEL_SPECS, type Level } from '@scf/domain';
import type { EntityManager } from '@mikro-orm/knex';
import { internalUrlFor, type BackgroundTask, type RunningSubgraph } from '@scf/kit';
import { catalogueReplica, internalTokenFromEnv, type CatalogueReplica } from './replication.js';

/** What a township or village server is configured with to keep its replica of the catalogue. */
export interface ReplicaConfig {
  /** The county subgraph's base URL; env COUNTY_INTERNAL_URL, on a single host http://127.0.0.1:<COUNTY_PORT> (see internalUrlFor). */
  countyInternalUrl?: string;
  /** env SCF_INTERNAL_TOKEN (required in production), default dev-internal-token. */
  internalToken?: string;
  /** How often to pull; default 30000 (env SCF_CATALOGUE_SYNC_MS). */
  catalogueSyncIntervalMs?: number;
}

/** A township or village server: it can be told to pull the catalogue now (tests, seeding, npm start). */
export interface ReplicaSubgraph extends RunningSubgraph {
  syncCatalogue(): Promise<{ applied: number }>;
}

/**
 * The replica of a lower level: which counties to pull is what its own points belong to. Returns the
 * replica and the background task that pulls at start-up and every interval.
 */
export function levelReplica(
  self: Level,
  orm: MikroORM,
  countyCodes: (em: EntityManager) => Promise<string[]>,
  config: ReplicaConfig,
  env: NodeJS.ProcessEnv = process.env,
): { replica: CatalogueReplica; task: BackgroundTask } {
  const replica = catalogueReplica({
    name: LEVEL_SPECS[self].field,
    orm,
    countyInternalUrl: config.countyInternalUrl ?? internalUrlFor('COUNTY', self, env),
    token: config.internalToken ?? internalTokenFromEnv(env),
    countyCodes,
  });
  const everyMs = config.catalogueSyncIntervalMs ?? (Number(env.SCF_CATALOGUE_SYNC_MS) || 30_000);
  return { replica, task: { name: 'catalogue replication', everyMs, runAtStart: true, run: () => replica.tick() } };
}
