import type { AddressInfo } from 'node:net';
import type { IncomingHttpHeaders } from 'node:http';
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
import { authConfigFromEnv, CLIENT_IP_HEADER, GATEWAY_CREDENTIAL_HEADER, verifyGatewayCredential, verifyStaffToken, type Actor, type AuthConfig } from '@scf/auth';
import { formatError, internalErrorMessage, newErrorId } from './errors.js';
import { plainTextGuard } from './plain-text-guard.js';
import type { SqlCounter } from './sql-counter.js';

export interface RequestContext {
  em: EntityManager;
}

/** Who a request comes from, as the subgraph itself verified it: the gateway's credential, then the staff token. */
export interface RequestIdentity {
  /** The signed-in member of staff; null for an anonymous request (only public fields answer it). */
  actor: Actor | null;
  /** The client's address as the gateway saw it (for rate limits). */
  clientIp: string | null;
}

/**
 * A plain JSON endpoint beside /graphql (e.g. the county's internal catalogue feed). `handle` gets the query
 * string and headers; what it returns is sent as JSON with that status. A thrown error becomes a 500.
 * A `POST` route also gets the request's JSON `body` (`undefined` when the request had none); a body that is
 * not JSON is answered 400 (413 when over 1 MB) before `handle` runs.
 */
export interface SubgraphRoute {
  path: string;
  /** Default `GET`. */
  method?: 'GET' | 'POST';
  /** `rawBody` is the POST body exactly as it arrived (what a signature over it was computed on). */
  handle(request: { query: Record<string, string>; headers: IncomingHttpHeaders; body?: unknown; rawBody?: string }): Promise<{ status: number; body: unknown }>;
}

/** Work a subgraph does on its own every `everyMs` (e.g. pulling a replica); it stops with the server. */
export interface BackgroundTask {
  name: string;
  everyMs: number;
  /** Run once as soon as the server listens (not awaited by start-up). */
  runAtStart?: boolean;
  /** Should not throw; if it does, the error is logged and the next tick runs as usual. */
  run(): Promise<unknown>;
}

export interface SubgraphServerOptions<Ctx extends RequestContext> {
  name: string;
  typeDefs: DocumentNode;
  /** Resolvers merged from the subgraph's domain folders (see mergeResolvers). */
  resolvers: Record<string, object>;
  orm: MikroORM;
  sql: SqlCounter;
  /** Builds the per-request context: a forked EntityManager and fresh DataLoaders, so batching and identity maps never span users. */
  context: (em: EntityManager, now: () => Date, identity: RequestIdentity) => Ctx;
  /** Secrets to check the gateway's credential and staff tokens with; default authConfigFromEnv(). */
  auth?: AuthConfig;
  /** The time the subgraph believes it is; tests move it to see deadlines pass. Defaults to the real clock. */
  clock?: () => Date;
  port?: number;
  host?: string;
  routes?: SubgraphRoute[];
  tasks?: BackgroundTask[];
}

export interface RunningSubgraph {
  name: string;
  url: string;
  /** The server's origin, e.g. http://127.0.0.1:4001, where its extra routes live. */
  baseUrl: string;
  port: number;
  orm: MikroORM;
  sql: SqlCounter;
  /** Runs a background task now, as its timer would, and returns its result (operators and tests). */
  runTask(name: string): Promise<unknown>;
  stop(): Promise<void>;
}

export async function startSubgraph<Ctx extends RequestContext>(opts: SubgraphServerOptions<Ctx>): Promise<RunningSubgraph> {
  const auth = opts.auth ?? authConfigFromEnv();
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  // The gateway keeps connections alive; a short server timeout would make it retry on a closed socket.
  httpServer.keepAliveTimeout = 65_000;
  const server = new ApolloServer<Ctx>({
    schema: buildSubgraphSchema({ typeDefs: opts.typeDefs, resolvers: opts.resolvers as GraphQLResolverMap<unknown> }),
    formatError,
    includeStacktraceInErrorResponses: false,
    // Inline traces only feed Apollo's hosted reporting, which a government system never uses.
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled(), plainTextGuard()],
  });
  await server.start();

  app.get('/health', async (_req, res) => {
    try {
      await opts.orm.em.fork().getConnection().execute('select 1');
      res.json({ status: 'ok', subgraph: opts.name });
    } catch (e) {
      const errorId = newErrorId();
      console.error(`[${opts.name}] health check: the database is not answering [internal error ${errorId}]`, e);
      res.status(503).json({ status: 'down', subgraph: opts.name, error: '数据库没有响应，请稍后再试；如一再出现，请联系管理员 / the database is not answering', errorId });
    }
  });
  const readText = express.text({ type: () => true, limit: '1mb' });
  for (const route of opts.routes ?? []) {
    const post = route.method === 'POST';
    (post ? app.post.bind(app) : app.get.bind(app))(route.path, async (req, res) => {
      let body: unknown;
      let rawBody = '';
      if (post) {
        try {
          await new Promise<void>((ok, fail) => readText(req, res, (e?: unknown) => (e ? fail(e) : ok())));
          rawBody = typeof req.body === 'string' ? req.body : '';
          body = rawBody.trim() === '' ? undefined : JSON.parse(rawBody);
        } catch (e) {
          const status = (e as { status?: number }).status === 413 ? 413 : 400;
          res.status(status).json({ error: status === 413 ? '提交的内容超过 1 MB / request body over 1 MB' : `提交的内容不是有效的 JSON / request body is not JSON: ${(e as Error).message}` });
          return;
        }
      }
      try {
        const query = Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, Array.isArray(v) ? String(v[0]) : String(v ?? '')]));
        const { status, body: answer } = await route.handle({ query, headers: req.headers, ...(post ? { body, rawBody } : {}) });
        res.status(status).json(answer);
      } catch (e) {
        // As for GraphQL (formatError): the caller learns an id to quote, the log holds what happened.
        const errorId = newErrorId();
        console.error(`[${opts.name}] ${route.path} failed [internal error ${errorId}]`, e);
        res.status(500).json({ error: internalErrorMessage(errorId), code: 'INTERNAL_SERVER_ERROR', errorId });
      }
    });
  }
  // Reaching a subgraph grants nothing: only the gateway's credential opens /graphql, and the staff token
  // is verified here again rather than trusted because the gateway let it through.
  app.use('/graphql', async (req, res, next) => {
    if (!(await verifyGatewayCredential(header(req.headers, GATEWAY_CREDENTIAL_HEADER), auth.gatewaySecret))) {
      res.status(401).json({ errors: [{ message: `本服务（${opts.name}）只接受网关转来的请求，请通过网关访问 / The ${opts.name} subgraph answers only the gateway`, extensions: { code: 'UNAUTHENTICATED' } }] });
      return;
    }
    const bearer = /^Bearer (.+)$/i.exec(header(req.headers, 'authorization') ?? '')?.[1];
    try {
      const actor = bearer ? await verifyStaffToken(bearer, auth.staffSecret) : null;
      res.locals.identity = { actor, clientIp: header(req.headers, CLIENT_IP_HEADER) ?? null } satisfies RequestIdentity;
      next();
    } catch (e) {
      res.status(401).json({ errors: [{ message: (e as Error).message, extensions: { code: 'UNAUTHENTICATED' } }] });
    }
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(server, {
      context: async ({ res }) => opts.context(opts.orm.em.fork() as EntityManager, opts.clock ?? (() => new Date()), res.locals.identity as RequestIdentity),
    }),
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const background = startTasks(opts.name, opts.tasks ?? []);
  let stopping: Promise<void> | undefined;
  return {
    name: opts.name,
    url: `http://${opts.host ?? '127.0.0.1'}:${port}/graphql`,
    baseUrl: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    port,
    orm: opts.orm,
    sql: opts.sql,
    runTask(name) {
      const task = (opts.tasks ?? []).find((t) => t.name === name);
      if (!task) return Promise.reject(new Error(`subgraph ${opts.name} has no task "${name}"`));
      return task.run();
    },
    // Idempotent: tests stop a subgraph to simulate an outage and the harness stops it again at the end.
    stop() {
      stopping ??= background.stop().then(() => server.stop()).then(() => opts.orm.close(true));
      return stopping;
    },
  };
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** For internal routes that only the gateway may call (e.g. sign-in): true when the request carries its credential. */
export function fromGateway(headers: IncomingHttpHeaders, auth: AuthConfig = authConfigFromEnv()): Promise<boolean> {
  return verifyGatewayCredential(header(headers, GATEWAY_CREDENTIAL_HEADER), auth.gatewaySecret);
}

/** Runs each task on its interval, never two runs of one task at once; stop() waits for runs in flight. */
function startTasks(name: string, tasks: BackgroundTask[]) {
  let stopped = false;
  const inFlight = new Set<Promise<unknown>>();
  const timers = tasks.map((task) => {
    let running: Promise<unknown> | undefined;
    const fire = () => {
      if (stopped || running) return;
      running = task
        .run()
        .catch((e) => console.warn(`[${name}] ${task.name} failed: ${(e as Error).message}`))
        .finally(() => {
          inFlight.delete(running!);
          running = undefined;
        });
      inFlight.add(running);
    };
    if (task.runAtStart) fire();
    const timer = setInterval(fire, Math.max(10, task.everyMs));
    timer.unref();
    return timer;
  });
  return {
    async stop() {
      stopped = true;
      for (const t of timers) clearInterval(t);
      await Promise.all([...inFlight]);
    },
  };
}
