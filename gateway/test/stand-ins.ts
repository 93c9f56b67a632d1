/**
 * Three small real subgraphs (county, township, village) over real HTTP, standing in for the real ones in
 * front of the real gateway. Like the real subgraphs they answer /graphql and POST /internal/sign-in only
 * with the gateway's credential, and each records every request that reaches it, so a test can tell what a
 * subgraph received — or that it received nothing.
 */
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { parse } from 'graphql';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { composeServices } from '@apollo/composition';
import { GATEWAY_CREDENTIAL_HEADER, verifyGatewayCredential, type Actor, type AuthConfig } from '@scf/auth';
import { createGateway, type GatewayConfig, type RunningGateway } from '../src/index.js';

export const AUTH: AuthConfig = {
  staffSecret: 'test-staff-secret-that-is-at-least-32-chars',
  gatewaySecret: 'test-gateway-secret-that-is-at-least-32-chars',
  tokenTtlMinutes: 60,
};

const FEDERATION = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';

const typeDefs = {
  county: `${FEDERATION}
    type Query {
      county(code: String!): County
      "What this subgraph received from the gateway, so tests can see which headers came through."
      echo: Echo!
      "Fails as a subgraph does whose own database refuses connections."
      ledger: String
    }
    type County @key(fields: "code") { code: String! name: String! }
    type Echo { authorization: String clientIp: String credentialValid: Boolean! headerNames: [String!]! }`,
  township: `${FEDERATION}
    type Query { township(code: String!): Township }
    type Township @key(fields: "code") { code: String! name: String! county: County! }
    type County @key(fields: "code") { code: String! townships(first: Int): [Township!]! }`,
  village: `${FEDERATION}
    type Query { village(code: String!): Village }
    type Village @key(fields: "code") { code: String! name: String! township: Township! }
    type Township @key(fields: "code") { code: String! villages: [Village!]! }`,
};

const COUNTY = { code: '140925', name: '宁武县' };
const TOWNSHIPS = [
  { code: '140925100', name: '凤凰镇' },
  { code: '140925101', name: '阳方口镇' },
];
const VILLAGES = [{ code: '140925100207', name: '秃峦妥村' }];

interface Ctx {
  headers: IncomingHttpHeaders;
}

const resolvers: Record<keyof typeof typeDefs, GraphQLResolverMap<Ctx>> = {
  county: {
    Query: {
      county: (_: unknown, { code }: { code: string }) => (code === COUNTY.code ? COUNTY : null),
      ledger: () => {
        throw new Error('connect ECONNREFUSED 10.20.30.40:3306');
      },
      echo: async (_: unknown, __: unknown, { headers }: Ctx) => ({
        authorization: headers.authorization ?? null,
        clientIp: headers['x-scf-client-ip'] ?? null,
        credentialValid: await verifyGatewayCredential(headers[GATEWAY_CREDENTIAL_HEADER] as string | undefined, AUTH.gatewaySecret),
        headerNames: Object.keys(headers).sort(),
      }),
    },
    County: { __resolveReference: ({ code }: { code: string }) => (code === COUNTY.code ? COUNTY : null) },
  },
  township: {
    Query: { township: (_: unknown, { code }: { code: string }) => TOWNSHIPS.find((t) => t.code === code) ?? null },
    Township: {
      __resolveReference: ({ code }: { code: string }) => TOWNSHIPS.find((t) => t.code === code) ?? null,
      county: (t: { code: string }) => ({ code: t.code.slice(0, 6) }),
    },
    County: { townships: (c: { code: string }) => TOWNSHIPS.filter((t) => t.code.startsWith(c.code)) },
  },
  village: {
    Query: { village: (_: unknown, { code }: { code: string }) => VILLAGES.find((v) => v.code === code) ?? null },
    Village: {
      __resolveReference: ({ code }: { code: string }) => VILLAGES.find((v) => v.code === code) ?? null,
      township: (v: { code: string }) => ({ code: v.code.slice(0, 9) }),
    },
    Township: { villages: (t: { code: string }) => VILLAGES.filter((v) => v.code.startsWith(t.code)) },
  },
};

/** One account per level; every password is the same so tests read simply. */
export const PASSWORD = 'correct horse battery staple';
export const ACCOUNTS: Record<string, Actor> = {
  '140925.director': { username: '140925.director', name: '王主任', level: 'COUNTY', pointCode: '140925', countyCode: '140925', roles: ['DIRECTOR'], unit: null },
  '140925100.a': { username: '140925100.a', name: '张敏', level: 'TOWNSHIP', pointCode: '140925100', countyCode: '140925', roles: ['CLERK'], unit: null },
  '140925100207.a': { username: '140925100207.a', name: '李秀英', level: 'VILLAGE', pointCode: '140925100207', countyCode: '140925', roles: ['CLERK'], unit: null },
};

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body?: unknown;
}

/** Usernames whose accounts the stand-ins report as deactivated. */
export const DEACTIVATED = new Set<string>();

export interface StandIn {
  name: keyof typeof typeDefs;
  url: string;
  /** Every request that reached /graphql or /internal/sign-in, in order. */
  received: Received[];
  stop(): Promise<void>;
}

async function startStandIn(name: keyof typeof typeDefs): Promise<StandIn> {
  const app = express();
  const httpServer = http.createServer(app);
  const received: Received[] = [];
  const server = new ApolloServer<Ctx>({
    schema: buildSubgraphSchema({ typeDefs: parse(typeDefs[name]), resolvers: resolvers[name] as GraphQLResolverMap<unknown> }),
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()],
  });
  await server.start();
  const fromGateway = (headers: IncomingHttpHeaders) => verifyGatewayCredential(headers[GATEWAY_CREDENTIAL_HEADER] as string | undefined, AUTH.gatewaySecret);

  app.post('/internal/sign-in', express.json(), async (req, res) => {
    received.push({ path: req.path, headers: { ...req.headers }, body: req.body });
    if (!(await fromGateway(req.headers))) {
      res.status(401).json({ error: '此接口只接受网关调用，不能直接访问 / only the gateway may call this' });
      return;
    }
    const { username, password } = req.body as { username: string; password: string };
    const actor = ACCOUNTS[username];
    if (!actor || password !== PASSWORD || actor.level.toLowerCase() !== name) {
      res.status(401).json({ error: '用户名或密码不对，请重新输入 / wrong username or password' });
      return;
    }
    res.json({ actor });
  });
  // Account status, as the real subgraphs answer it; not recorded in `received` (that lists what clients caused).
  app.post('/internal/account', express.json(), async (req, res) => {
    if (!(await fromGateway(req.headers))) {
      res.status(401).json({ error: '此接口只接受网关调用，不能直接访问 / only the gateway may call this' });
      return;
    }
    const { username } = req.body as { username: string };
    res.json({ active: !DEACTIVATED.has(username), passwordSetAt: null });
  });
  app.use('/graphql', async (req, res, next) => {
    received.push({ path: '/graphql', headers: { ...req.headers } });
    if (!(await fromGateway(req.headers))) {
      res.status(401).json({ errors: [{ message: `The ${name} subgraph answers only the gateway`, extensions: { code: 'UNAUTHENTICATED' } }] });
      return;
    }
    next();
  });
  app.use('/graphql', express.json(), expressMiddleware(server, { context: async ({ req }) => ({ headers: req.headers }) }));
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  return { name, url: `http://127.0.0.1:${port}/graphql`, received, stop: () => server.stop() };
}

export interface Federation {
  gateway: RunningGateway;
  county: StandIn;
  township: StandIn;
  village: StandIn;
  /** Everything any subgraph received since the last forget(). */
  received(): Received[];
  forget(): void;
  stop(): Promise<void>;
}

export function supergraphOf(urls: Record<keyof typeof typeDefs, string>): string {
  const result = composeServices((Object.keys(typeDefs) as (keyof typeof typeDefs)[]).map((name) => ({ name, url: urls[name], typeDefs: parse(typeDefs[name]) })));
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.supergraphSdl;
}

/** The real gateway over three stand-in subgraphs, with the test secrets; `config` overrides the rest. */
export async function startFederation(config: Partial<GatewayConfig> = {}): Promise<Federation> {
  const [county, township, village] = await Promise.all([startStandIn('county'), startStandIn('township'), startStandIn('village')]);
  const subgraphUrls = { county: county.url, township: township.url, village: village.url };
  const gateway = await createGateway({
    subgraphUrls,
    supergraphSdl: supergraphOf(subgraphUrls),
    auth: AUTH,
    production: false,
    trustProxy: false,
    ...config,
  });
  const all = [county, township, village];
  return {
    gateway,
    county,
    township,
    village,
    received: () => all.flatMap((s) => s.received),
    forget: () => all.forEach((s) => s.received.splice(0)),
    async stop() {
      await gateway.stop();
      await Promise.all(all.map((s) => s.stop()));
    },
  };
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The body as JSON (throws in the test if it is not JSON: every answer must be). */
  json: any;
}

export async function request(url: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(url, init);
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${init.method ?? 'GET'} ${url} answered ${res.status} with a body that is not JSON: ${text.slice(0, 300)}`);
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** POSTs a GraphQL query to the gateway as a web client would. */
export function graphql(fed: Federation, query: string, headers: Record<string, string> = {}, variables?: Record<string, unknown>): Promise<Answer> {
  return request(fed.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
}

export function signIn(fed: Federation, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return request(fed.gateway.url.replace('/graphql', '/auth/sign-in'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
