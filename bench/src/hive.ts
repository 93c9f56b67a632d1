// Hive Gateway (The Guild's federation gateway), in process, over the same checked-in supergraph and the same
// running subgraphs as our gateway: the yardstick for our gateway's own overhead. Nothing here calls an outside
// service: no usage reporting, no schema registry, no CDN (the supergraph is the local file), no GraphiQL page.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GATEWAY_CREDENTIAL_HEADER } from '@scf/auth';

// Loaded by a specifier TypeScript does not follow: graphql-yoga's types (which Hive's pull in) augment graphql's
// GraphQLErrorExtensions with an `http.headers` record that contradicts Apollo Server's HeaderMap, and the bench's
// program also type-checks our gateway's sources. The few options used here are typed below.
const HIVE_GATEWAY: string = '@graphql-hive/gateway';

interface HiveRuntime {
  (req: http.IncomingMessage, res: http.ServerResponse): void;
  dispose(): Promise<void> | void;
}
interface HiveModule {
  createGatewayRuntime(config: {
    supergraph: string;
    transportEntries: Record<string, { location: string }>;
    propagateHeaders: { fromClientToSubgraphs(payload: { request: Request }): Promise<Record<string, string>> };
    logging: 'error' | boolean;
    graphiql: boolean;
    landingPage: boolean;
  }): HiveRuntime;
}

export interface HiveGatewayOptions {
  supergraph: string;
  subgraphUrls: { county: string; township: string; village: string };
  /** The gateway credential our subgraphs require (x-scf-gateway), as our gateway signs it. */
  credential: () => Promise<string>;
}

export interface RunningHiveGateway {
  url: string;
  stop(): Promise<void>;
}

export async function startHiveGateway(opts: HiveGatewayOptions): Promise<RunningHiveGateway> {
  const { createGatewayRuntime } = (await import(HIVE_GATEWAY)) as HiveModule;
  const runtime = createGatewayRuntime({
    supergraph: opts.supergraph,
    // The supergraph records placeholder URLs (127.0.0.1:4001–4003); the subgraphs run on free ports.
    transportEntries: {
      county: { location: opts.subgraphUrls.county },
      township: { location: opts.subgraphUrls.township },
      village: { location: opts.subgraphUrls.village },
    },
    // What our gateway sends every subgraph request: its credential and the client's bearer token, nothing else.
    propagateHeaders: {
      async fromClientToSubgraphs({ request }) {
        const authorization = request.headers.get('authorization');
        return { [GATEWAY_CREDENTIAL_HEADER]: await opts.credential(), ...(authorization ? { authorization } : {}) };
      },
    },
    logging: 'error',
    graphiql: false,
    landingPage: false,
  });
  const server = http.createServer(runtime);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.dispose();
    },
  };
}
