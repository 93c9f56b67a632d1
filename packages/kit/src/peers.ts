import { LEVEL_SPECS, LEVELS, type Level } from '@scf/domain';

/** Where each level listens when nothing is configured (README "Configuration"): the table of levels' ports. */
export const DEFAULT_PORTS: Readonly<Record<Level, number>> = Object.fromEntries(LEVELS.map((l) => [l, LEVEL_SPECS[l].defaultPort])) as Record<Level, number>;
const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|::1|\[::1\])$/i;

/**
 * Why this subgraph's set-up spans hosts, or null when everything runs on one: an `<LEVEL>_INTERNAL_URL`
 * is given for some level, or the subgraph itself listens on an address other than loopback (it serves a
 * network, so its peers may be elsewhere). Across hosts no peer address can be guessed.
 */
export function multiHostReason(self: Level, env: NodeJS.ProcessEnv = process.env): string | null {
  const given = LEVELS.filter((l) => env[`${l}_INTERNAL_URL`]);
  if (given.length) return `${given.map((l) => `${l}_INTERNAL_URL`).join(' and ')} ${given.length > 1 ? 'are' : 'is'} set`;
  const host = env[`${self}_HOST`];
  if (host && !LOOPBACK.test(host)) return `${self}_HOST is ${host}`;
  return null;
}

/** A port from the environment: unset means the default; anything but 1–65535 stops the start. */
export function portFromEnv(level: Level, env: NodeJS.ProcessEnv = process.env): number {
  const text = env[`${level}_PORT`];
  if (text === undefined || text === '') return DEFAULT_PORTS[level];
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${level}_PORT must be a port number between 1 and 65535, got ${JSON.stringify(text)}`);
  return port;
}

/**
 * The base URL (no /graphql) where `self` reaches `peer`'s internal routes (hand-overs, the catalogue feed):
 * `<PEER>_INTERNAL_URL` when set; on a single host, 127.0.0.1 on `<PEER>_PORT` (default 4001 / 4002 / 4003),
 * the port that peer's own main.ts listens on. In a multi-host set-up (see multiHostReason) a missing
 * `<PEER>_INTERNAL_URL` throws, naming it: started anyway, the subgraph would hand cases to a guess.
 */
export function internalUrlFor(peer: Level, self: Level, env: NodeJS.ProcessEnv = process.env): string {
  const name = `${peer}_INTERNAL_URL`;
  const given = env[name];
  if (given) {
    let url: URL;
    try {
      url = new URL(given);
    } catch {
      throw new Error(`${name} must be a URL such as http://10.0.0.2:${DEFAULT_PORTS[peer]}, got ${JSON.stringify(given)}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${name} must be an http:// or https:// URL, got ${JSON.stringify(given)}`);
    return given.replace(/\/+$/, '').replace(/\/graphql$/, '');
  }
  const why = multiHostReason(self, env);
  if (why) {
    throw new Error(
      `${name} must be set: the ${self.toLowerCase()} subgraph reaches the ${peer.toLowerCase()} subgraph's internal routes there, ` +
        `and this set-up spans hosts (${why}); e.g. ${name}=http://<${peer.toLowerCase()} host>:${DEFAULT_PORTS[peer]}`,
    );
  }
  return `http://127.0.0.1:${portFromEnv(peer, env)}`;
}
