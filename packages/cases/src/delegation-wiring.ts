import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { createRelay, handoverRoute, handoverTokenFromEnv, type Relay } from '@scf/handover';
import type { SubgraphRoute } from '@scf/kit';
import { applyHandover } from './delegation.js';
import type { Level } from './level.js';
import type { CasesHost } from './ports.js';

const DEFAULT_PORTS: Record<Level, number> = { COUNTY: 4001, TOWNSHIP: 4002, VILLAGE: 4003 };

/** Where a level's subgraph takes hand-overs: `<LEVEL>_INTERNAL_URL`, else the local default port. */
export function peerUrlFromEnv(level: Level, env: NodeJS.ProcessEnv = process.env): string {
  return env[`${level}_INTERNAL_URL`] ?? `http://127.0.0.1:${DEFAULT_PORTS[level]}`;
}

export interface DelegationConfig {
  /** Base URL (no /graphql) of each level's subgraph, for hand-overs; default peerUrlFromEnv. */
  peerUrl?: (level: Level) => string;
  /** Shared secret of the hand-over endpoints; default SCF_HANDOVER_TOKEN. */
  handoverToken?: string;
  clock?: () => Date;
  /** How often the relay looks for hand-overs to send besides the kick after each commit; default SCF_HANDOVER_RELAY_MS or 1 s. */
  relayEveryMs?: number;
}

/** The hand-over endpoint and relay a level's subgraph runs so its cases can move between levels. */
export function delegation(host: CasesHost, orm: MikroORM, config: DelegationConfig): { relay: Relay; route: SubgraphRoute } {
  const token = config.handoverToken ?? handoverTokenFromEnv();
  const clock = config.clock ?? (() => new Date());
  const relay = createRelay({
    orm, token, clock, name: host.names.field, everyMs: config.relayEveryMs,
    resolveTarget: (target) => (config.peerUrl ?? peerUrlFromEnv)(target as Level),
  });
  const route = handoverRoute({
    orm, token, clock,
    apply: (tx, message) => applyHandover(tx as EntityManager, host, message, clock()),
  });
  return { relay, route };
}
