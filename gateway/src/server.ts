// A government system calls no outside service: Apollo's telemetry is off before Apollo loads.
process.env.APOLLO_TELEMETRY_DISABLED = '1';

import type { AddressInfo } from 'node:net';
import http from 'node:http';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { loadSupergraph } from '@scf/schema';
import type { SubgraphUrls } from './config.js';

export interface GatewayConfig {
  subgraphUrls: SubgraphUrls;
  /** Defaults to the checked-in schema/supergraph.graphql. */
  supergraphSdl?: string;
  port?: number;
  host?: string;
}

export interface RunningGateway {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export async function createGateway(config: GatewayConfig): Promise<RunningGateway> {
  const urls = config.subgraphUrls;
  const gateway = new ApolloGateway({
    supergraphSdl: config.supergraphSdl ?? loadSupergraph(),
    // The supergraph records placeholder URLs; the running subgraphs are wherever configuration says.
    buildService({ name }) {
      const url = urls[name as keyof SubgraphUrls];
      if (!url) throw new Error(`No URL configured for subgraph "${name}"`);
      return new RemoteGraphQLDataSource({ url });
    },
  });

  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const server = new ApolloServer({
    gateway,
    // Stack traces show our internals, not the user's mistake; the error code and message say what went wrong.
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // The default landing page pulls Apollo Sandbox from Apollo's CDN: an outside call from a government office.
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
    ],
  });
  await server.start();

  app.get('/health', async (_req, res) => {
    const checks = await Promise.all(
      Object.entries(urls).map(async ([name, url]) => {
        try {
          const r = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(2000) });
          return [name, r.ok ? 'up' : `down (${r.status})`] as const;
        } catch (e) {
          return [name, `down (${(e as Error).message})`] as const;
        }
      }),
    );
    const subgraphs = Object.fromEntries(checks);
    const ok = checks.every(([, s]) => s === 'up');
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', subgraphs });
  });
  app.use('/graphql', express.json({ limit: '1mb' }), expressMiddleware(server));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port ?? 0, config.host ?? '127.0.0.1', () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  return {
    url: `http://${config.host ?? '127.0.0.1'}:${port}/graphql`,
    port,
    async stop() {
      await server.stop();
    },
  };
}
