import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import express from 'express';
import { parse } from 'graphql';
import { ApolloServer, type ApolloServerOptions } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { composeServices } from '@apollo/composition';
import { createGateway, type RunningGateway } from '../src/index.js';
import { AUTH } from './stand-ins.js';

/** What a misbehaving level would put in front of a client: a driver's SQL with its bound values. */
const SQL = "insert into `case_file` (`applicant_id_number`, `applicant_phone`) values ('140925199001011237', '13912345678') - Duplicate entry '140925100207-k-1' for key 'case_file_point_code_idempotency_key_unique'";

function driverError(): Error {
  return Object.assign(new Error(SQL), { code: 'ER_DUP_ENTRY', errno: 1062, sqlMessage: SQL });
}

const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query {
    "Throws the driver's error; Apollo's default formatting gives it INTERNAL_SERVER_ERROR and its message."
    plain: String
    "The same error passed on with the driver's code, as the subgraphs did before issue 11."
    coded: String
    "A level that gives up and answers a non-JSON 500."
    broken: String
  }
`);

/**
 * The gateway's own error formatting, on errors that did not come through a subgraph's formatError: a level
 * that is misconfigured, older, or not ours. Whatever it says, the client gets no SQL, no bound values and
 * no internal address, only a generic message with an id the gateway's log explains.
 */
describe('the gateway never passes a level’s database error on to a client', () => {
  let gateway: RunningGateway;
  let server: ApolloServer;
  let subgraphUrl: string;
  const logged: string[] = [];

  beforeAll(async () => {
    const app = express();
    const httpServer = http.createServer(app);
    const options: ApolloServerOptions<object> = {
      schema: buildSubgraphSchema({ typeDefs, resolvers: { Query: { plain: () => Promise.reject(driverError()), coded: () => Promise.reject(driverError()), broken: () => null } } }),
      plugins: [ApolloServerPluginDrainHttpServer({ httpServer })],
      // What the subgraphs' formatError did before: an error with an upper-case `code` went out as it was.
      formatError: (formatted, error) => {
        const original = (error as { originalError?: { code?: string; message: string } }).originalError;
        return formatted.path?.[0] === 'coded' && original?.code ? { ...formatted, message: original.message, extensions: { code: original.code } } : formatted;
      },
    };
    server = new ApolloServer(options);
    await server.start();
    app.use('/graphql', express.json(), (req, res, next) => {
      if (JSON.stringify(req.body).includes('broken')) {
        res.status(500).type('text/plain').send(`Error: ${SQL}\n    at /srv/scf/packages/cases/src/register.ts:120:7`);
        return;
      }
      next();
    }, expressMiddleware(server));
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    subgraphUrl = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/graphql`;
    const composed = composeServices([{ name: 'county', url: subgraphUrl, typeDefs }]);
    if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
    gateway = await createGateway({
      subgraphUrls: { county: subgraphUrl, township: subgraphUrl, village: subgraphUrl },
      supergraphSdl: composed.supergraphSdl,
      auth: AUTH,
      production: false,
      trustProxy: false,
    });
  });
  afterAll(async () => {
    await gateway?.stop();
    await server?.stop();
  });

  const ask = async (field: string) => {
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
    try {
      const res = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ ${field} }` }) });
      return (await res.json()) as { errors?: { message: string; extensions?: Record<string, unknown> }[] };
    } finally {
      spy.mockRestore();
    }
  };

  it.each([
    ['a driver error a level formatted with Apollo’s defaults', 'plain'],
    ['a driver error a level passed on with its ER_ code', 'coded'],
    ['a level’s non-JSON 500 answer', 'broken'],
  ])('%s reaches the client as a generic error with an id, and the log has the detail', async (_what, field) => {
    const answer = await ask(field);
    const text = JSON.stringify(answer);
    expect(answer.errors![0]).toMatchObject({ message: expect.stringMatching(/^服务器内部错误/), extensions: { code: 'INTERNAL_SERVER_ERROR', errorId: expect.stringMatching(/^[0-9a-f]{12}$/) } });
    for (const secret of ['insert into', 'case_file', 'Duplicate entry', 'ER_DUP_ENTRY', '140925199001011237', '13912345678', 'register.ts', new URL(subgraphUrl).host]) {
      expect(text).not.toContain(secret);
    }
    const errorId = String(answer.errors![0]!.extensions!.errorId);
    expect(logged.find((l) => l.includes(errorId))).toBeDefined();
  });
});
