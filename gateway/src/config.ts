import { defaultSubgraphUrls, type SubgraphName } from '@scf/schema';

/*
 * The gateway's settings from the environment. Each one can also be given to createGateway() directly,
 * which wins over the environment.
 *
 *   COUNTY_URL, TOWNSHIP_URL, VILLAGE_URL
 *       Where each level's subgraph answers GraphQL (default http://127.0.0.1:<COUNTY_PORT>/graphql, … —
 *       4001, 4002, 4003 when the ports are not set either).
 *   GATEWAY_PORT, GATEWAY_HOST
 *       Where the gateway listens (default 4000 on 127.0.0.1; npm start only).
 *
 *   SCF_AUTH_SECRET
 *       Signs and verifies staff tokens (HS256). The gateway signs a token at sign-in; the gateway and every
 *       subgraph verify it. At least 32 characters; required in production (e.g. `openssl rand -base64 48`).
 *       Changing it signs every member of staff out.
 *   SCF_GATEWAY_SECRET
 *       Signs the gateway's credential (header x-scf-gateway) that every subgraph requires on /graphql and
 *       /internal/sign-in: without it a subgraph answers 401, so nothing but the gateway can reach one.
 *       At least 32 characters; required in production; must differ from SCF_AUTH_SECRET.
 *   SCF_TOKEN_TTL_MINUTES
 *       How long a sign-in lasts, 1–1440 minutes (default 480: a working day).
 *   NODE_ENV=production
 *       Production mode: the secrets above must be set, introspection is off, and GraphQL's "Did you
 *       mean …?" field suggestions are hidden, so the schema cannot be read from outside by guessing.
 *   SCF_TRUST_PROXY
 *       Unset or 0 (the default): the client's address is the TCP peer's, and a client-sent
 *       X-Forwarded-For is ignored — anyone can write that header. Set it to the number of reverse proxies
 *       in front of the gateway (1 for one nginx) to take the address that many hops back in
 *       X-Forwarded-For. Only set it when the gateway cannot be reached except through those proxies,
 *       or clients can pick the address the sign-in rate limit and the subgraphs' records see.
 *   SCF_INTROSPECTION
 *       1 or 0: turns GraphQL introspection on or off regardless of NODE_ENV (default: on in development,
 *       off in production).
 */

export type SubgraphUrls = Record<SubgraphName, string>;

/**
 * Subgraph URLs from the environment (COUNTY_URL, TOWNSHIP_URL, VILLAGE_URL), else on this host at the port
 * each subgraph's own main.ts listens on (COUNTY_PORT, TOWNSHIP_PORT, VILLAGE_PORT; default 4001–4003).
 */
export function subgraphUrlsFromEnv(env: NodeJS.ProcessEnv = process.env): SubgraphUrls {
  const local = (name: SubgraphName) => {
    const port = env[`${name.toUpperCase()}_PORT`];
    return port ? `http://127.0.0.1:${port}/graphql` : defaultSubgraphUrls[name];
  };
  return {
    county: env.COUNTY_URL ?? local('county'),
    township: env.TOWNSHIP_URL ?? local('township'),
    village: env.VILLAGE_URL ?? local('village'),
  };
}

/** NODE_ENV=production. */
export function productionFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV === 'production';
}

/** SCF_TRUST_PROXY: how many reverse proxies to trust in X-Forwarded-For (0 = none). */
export function trustProxyFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const value = (env.SCF_TRUST_PROXY ?? '').trim();
  if (value === '' || value === '0' || value.toLowerCase() === 'false') return 0;
  if (value.toLowerCase() === 'true') return 1;
  const hops = Number(value);
  if (!Number.isInteger(hops) || hops < 0 || hops > 10) {
    throw new Error('SCF_TRUST_PROXY must be the number of reverse proxies in front of the gateway (0–10), e.g. 1 for one nginx');
  }
  return hops;
}

/** SCF_INTROSPECTION: 1/0 (true/false) when set, else undefined (then NODE_ENV decides). */
export function introspectionFromEnv(env: NodeJS.ProcessEnv = process.env): boolean | undefined {
  const value = (env.SCF_INTROSPECTION ?? '').trim().toLowerCase();
  if (value === '') return undefined;
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  throw new Error('SCF_INTROSPECTION must be 1 or 0');
}

/** SCF_ACCOUNT_CHECK_MS: how long an answer on an account's status is trusted (default 30 s). */
export function accountCheckMsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const value = (env.SCF_ACCOUNT_CHECK_MS ?? '').trim();
  if (value === '') return 30_000;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 0 || ms > 3_600_000) throw new Error('SCF_ACCOUNT_CHECK_MS must be a whole number of milliseconds from 0 to 3600000');
  return ms;
}

/** The subgraph that holds each level's accounts and cases. */
export const SUBGRAPH_OF_LEVEL = { COUNTY: 'county', TOWNSHIP: 'township', VILLAGE: 'village' } as const satisfies Record<'COUNTY' | 'TOWNSHIP' | 'VILLAGE', keyof SubgraphUrls>;
