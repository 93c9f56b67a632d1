import type { AddressInfo } from 'node:net';
import http from 'node:http';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { DocumentNode } from 'graphql';
import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { formatError } from './errors.js';
import type { SqlCounter } from './sql-counter.js';

export interface RequestContext {
  em: EntityManager;
}

export interface SubgraphServerOptions<Ctx extends RequestContext> {
  name: string;
  typeDefs: DocumentNode;
  /** Resolvers merged from the subgraph's domain folders (see mergeResolvers). */
  resolvers: Record<string, object>;
  orm: MikroORM;
  sql: SqlCounter;
  /** Builds the per-request context: a forked EntityManager and fresh DataLoaders, so batching and identity maps never span users. */
  context: (em: EntityManager) => Ctx;
  port?: number;
  host?: string;
}

export interface RunningSubgraph {
  name: string;
  url: string;
  port: number;
  orm: MikroORM;
  sql: SqlCounter;
  stop(): Promise<void>;
}

export async function startSubgraph<Ctx extends RequestContext>(opts: SubgraphServerOptions<Ctx>): Promise<RunningSubgraph> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  // The gateway keeps connections alive; a short server timeout would make it retry on a closed socket.
  httpServer.keepAliveTimeout = 65_000;
  const server = new ApolloServer<Ctx>({
    schema: buildSubgraphSchema({ typeDefs: opts.typeDefs, resolvers: opts.resolvers as GraphQLResolverMap<unknown> }),
    formatError,
    // Inline traces only feed Apollo's hosted reporting, which a government system never uses.
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()],
  });
  await server.start();

  app.get('/health', async (_req, res) => {
    try {
      await opts.orm.em.fork().getConnection().execute('select 1');
      res.json({ status: 'ok', subgraph: opts.name });
    } catch (e) {
      res.status(503).json({ status: 'down', subgraph: opts.name, error: (e as Error).message });
    }
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(server, {
      context: async () => opts.context(opts.orm.em.fork() as EntityManager),
    }),
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  let stopping: Promise<void> | undefined;
  return {
    name: opts.name,
    url: `http://${opts.host ?? '127.0.0.1'}:${port}/graphql`,
    port,
    orm: opts.orm,
    sql: opts.sql,
    // Idempotent: tests stop a subgraph to simulate an outage and the harness stops it again at the end.
    stop() {
      stopping ??= server.stop().then(() => opts.orm.close(true));
      return stopping;
    },
  };
}
