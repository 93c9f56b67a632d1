import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { createRelay, handoverRoute, handoverSecretFromEnv, type Relay } from '@scf/handover';
import { internalUrlFor, type SubgraphRoute } from '@scf/kit';
import { applyHandover, recordRefusal } from './delegation.js';
import type { Level } from './level.js';
import type { CasesHost } from './ports.js';

const LEVELS: readonly Level[] = ['COUNTY', 'TOWNSHIP', 'VILLAGE'];

/**
 * Where a level's subgraph takes hand-overs, as `self` finds it: `<LEVEL>_INTERNAL_URL`, else (one host)
 * 127.0.0.1 on `<LEVEL>_PORT` — see internalUrlFor, which also refuses a multi-host set-up without it.
 */
export function peerUrlFromEnv(level: Level, env: NodeJS.ProcessEnv = process.env, self?: Level): string {
  return internalUrlFor(level, self ?? level, env);
}

export interface DelegationConfig {
  /** Base URL (no /graphql) of each level's subgraph, for hand-overs; default from the environment (peerUrlFromEnv). */
  peerUrl?: (level: Level) => string;
  /** Shared secret the levels' signing keys derive from; default SCF_HANDOVER_TOKEN (required in production). */
  handoverToken?: string;
  clock?: () => Date;
  /** How often the relay looks for hand-overs to send besides the kick after each commit; default SCF_HANDOVER_RELAY_MS or 1 s. */
  relayEveryMs?: number;
}

/**
 * The hand-over settings of one level, read and checked at once: the secret, and the address of every other
 * level. Subgraphs call it before opening their database, so a production start without a secret or a
 * multi-host start without a peer's address stops at once, naming what is missing.
 */
export function delegationSettings(self: Level, config: DelegationConfig, env: NodeJS.ProcessEnv = process.env): DelegationConfig & Required<Pick<DelegationConfig, 'peerUrl' | 'handoverToken'>> {
  const handoverToken = config.handoverToken ?? handoverSecretFromEnv(env);
  if (config.peerUrl) return { ...config, handoverToken, peerUrl: config.peerUrl };
  const urls = new Map(LEVELS.filter((l) => l !== self).map((l) => [l, peerUrlFromEnv(l, env, self)] as const));
  const peerUrl = (level: Level) => {
    const url = urls.get(level);
    if (!url) throw new Error(`the ${self.toLowerCase()} subgraph does not hand cases over to ${level}`);
    return url;
  };
  return { ...config, handoverToken, peerUrl };
}

/** The hand-over endpoint and relay a level's subgraph runs so its cases can move between levels. */
export function delegation(host: CasesHost, orm: MikroORM, config: DelegationConfig): { relay: Relay; route: SubgraphRoute } {
  const self = host.names.level;
  const { handoverToken: token, peerUrl } = delegationSettings(self, config);
  const clock = config.clock ?? (() => new Date());
  const relay = createRelay({
    orm, token, from: self, clock, name: host.names.field, everyMs: config.relayEveryMs,
    resolveTarget: (target) => peerUrl(target as Level),
    // The sender's own record of the refusal, in the transaction that marks the message FAILED.
    onFailed: (tx, message, error) => recordRefusal(tx, host, message, error, clock()),
  });
  const route = handoverRoute({
    orm, token, clock, self, senders: LEVELS.filter((l) => l !== self),
    apply: (tx, message) => applyHandover(tx as EntityManager, host, message, clock()),
  });
  // Taking a message in may hand one on (a withdrawal travelling further up): send it without waiting for the tick.
  const handle: SubgraphRoute['handle'] = async (request) => {
    const answer = await route.handle(request);
    if (answer.status === 200) relay.kick();
    return answer;
  };
  return { relay, route: { ...route, handle } };
}
