import { defaultSubgraphUrls, type SubgraphName } from '@scf/schema';
import { LEVEL_SPECS, LEVELS, type Level } from '@scf/domain';
import { DEFAULT_QUERY_BUDGETS, type QueryBudgets } from './operations.js';
import { DEFAULT_GRAPHQL_RATE_LIMITS, type GraphqlRateLimits } from './rate-limit.js';

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
 *   SCF_QUERY_COST_ANONYMOUS, SCF_QUERY_COST_STAFF
 *       The cost one operation may have (cost.ts: every list counted by its real size) for a caller who is
 *       not signed in (default 25000) and for a member of staff (default 1000000).
 *   SCF_GRAPHQL_RATE_ANONYMOUS, SCF_GRAPHQL_RATE_STAFF
 *       /graphql requests a minute per client address when not signed in (default 120) and per account when
 *       signed in (default 600); then 429 with Retry-After. 0 turns the limit off. Counted in this process:
 *       several gateways need a shared store to hold a client to one limit.
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
export const SUBGRAPH_OF_LEVEL: Readonly<Record<Level, keyof SubgraphUrls>> = Object.fromEntries(LEVELS.map((l) => [l, LEVEL_SPECS[l].field])) as Record<Level, keyof SubgraphUrls>;

function wholeNumber(env: NodeJS.ProcessEnv, name: string, max: number): number | undefined {
  const value = (env[name] ?? '').trim();
  if (value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new Error(`${name} must be a whole number from 0 to ${max}`);
  return n;
}

/** SCF_QUERY_COST_ANONYMOUS, SCF_QUERY_COST_STAFF: the cost one operation may have (see operations.ts). */
export function queryBudgetsFromEnv(env: NodeJS.ProcessEnv = process.env): QueryBudgets {
  return {
    anonymous: wholeNumber(env, 'SCF_QUERY_COST_ANONYMOUS', 1e9) ?? DEFAULT_QUERY_BUDGETS.anonymous,
    staff: wholeNumber(env, 'SCF_QUERY_COST_STAFF', 1e9) ?? DEFAULT_QUERY_BUDGETS.staff,
  };
}

/** SCF_GRAPHQL_RATE_ANONYMOUS, SCF_GRAPHQL_RATE_STAFF: /graphql requests a minute per address / per account; 0 = off. */
export function graphqlRateLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): GraphqlRateLimits {
  return {
    anonymousPerMinute: wholeNumber(env, 'SCF_GRAPHQL_RATE_ANONYMOUS', 1e6) ?? DEFAULT_GRAPHQL_RATE_LIMITS.anonymousPerMinute,
    staffPerMinute: wholeNumber(env, 'SCF_GRAPHQL_RATE_STAFF', 1e6) ?? DEFAULT_GRAPHQL_RATE_LIMITS.staffPerMinute,
  };
}
