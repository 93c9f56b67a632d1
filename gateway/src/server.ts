// A government system calls no outside service: Apollo's telemetry is off before Apollo loads.
process.env.APOLLO_TELEMETRY_DISABLED = '1';

import type { AddressInfo } from 'node:net';
import http from 'node:http';
import express from 'express';
import compression from 'compression';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import {
  authConfigFromEnv,
  CLIENT_IP_HEADER,
  GATEWAY_CREDENTIAL_HEADER,
  gatewayCredentialSource,
  UnauthenticatedError,
  type Actor,
  type AuthConfig,
} from '@scf/auth';
import { chineseFirst } from '@scf/domain';
import { loadSupergraph } from '@scf/schema';
import { accountCheckMsFromEnv, graphqlRateLimitsFromEnv, introspectionFromEnv, productionFromEnv, queryBudgetsFromEnv, trustProxyFromEnv, type SubgraphUrls } from './config.js';
import { accountStatusChecker, AccountCheckUnavailable } from './account-status.js';
import { actorOf, authRoutes, timesOf, DEFAULT_SIGN_IN_LIMITS, type SignInLimits } from './auth.js';
import { clientIp, jsonErrors, notFound, securityHeaders, staticSite } from './http.js';
import { armor, hideSuggestions, oneChangePerRequest, QUERY_LIMITS } from './limits.js';
import { internalErrorMessage, logInternalError } from './errors.js';
import { operationChecks, type QueryBudgets } from './operations.js';
import { LIST_SIZES } from './cost.js';
import { graphqlRateLimit, type GraphqlRateLimits } from './rate-limit.js';
import { levelRouting } from './level-routing.js';
import { subgraphFetcher } from './subgraph-fetcher.js';

export interface GatewayConfig {
  subgraphUrls: SubgraphUrls;
  /** Defaults to the checked-in schema/supergraph.graphql. */
  supergraphSdl?: string;
  port?: number;
  host?: string;
  /** Secrets and token lifetime; default authConfigFromEnv() (SCF_AUTH_SECRET, SCF_GATEWAY_SECRET, SCF_TOKEN_TTL_MINUTES). */
  auth?: AuthConfig;
  /** Production mode: introspection off, field suggestions hidden. Default NODE_ENV === 'production'. */
  production?: boolean;
  /** GraphQL introspection. Default SCF_INTROSPECTION if set, else on in development and off in production. */
  introspection?: boolean;
  /**
   * How many reverse proxies in front of the gateway to trust in X-Forwarded-For for the client's address
   * (true = 1). Default SCF_TRUST_PROXY, else 0: the TCP peer's address, and X-Forwarded-For is ignored.
   */
  trustProxy?: boolean | number;
  /** Sign-in rate limits; default 5 failures per username per 15 minutes and 30 attempts per address a minute. */
  signInLimits?: Partial<SignInLimits>;
  /**
   * How long the gateway trusts its last answer on whether an account is still active and its password
   * unchanged (see account-status.ts). Default SCF_ACCOUNT_CHECK_MS, else 30 000; 0 asks on every request.
   */
  accountCheckMs?: number;
  /**
   * What one operation may cost (cost.ts), for callers not signed in and for staff. Default
   * SCF_QUERY_COST_ANONYMOUS / SCF_QUERY_COST_STAFF, else DEFAULT_QUERY_BUDGETS.
   */
  queryBudgets?: Partial<QueryBudgets>;
  /** List sizes the cost model assumes, by "Type.field", over LIST_SIZES. */
  listSizes?: Record<string, number>;
  /**
   * /graphql requests a minute per address (not signed in) and per account (staff); 0 turns one off.
   * Default SCF_GRAPHQL_RATE_ANONYMOUS / SCF_GRAPHQL_RATE_STAFF, else DEFAULT_GRAPHQL_RATE_LIMITS.
   */
  graphqlRateLimits?: Partial<GraphqlRateLimits>;
  /** A built web site to serve at `/` (web/dist: the window app, the dashboard page, public tracking); none by default. */
  webRoot?: string;
}

export interface RunningGateway {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** What every GraphQL request carries through the gateway: who asks (verified here), and from where. */
export interface GatewayContext {
  /** The client's bearer token, passed on unchanged so each subgraph verifies it itself. */
  token: string | null;
  actor: Actor | null;
  clientIp: string;
}

/**
 * Errors leave with their code and message only: no stack, no exception dump, no subgraph's address or raw
 * answer (`response`), whatever produced them. An error the gateway cannot vouch for — its own failure, or
 * a level's that did not come through the level's formatError (which gives its own `errorId`) — is logged
 * here and answered with a generic message and an id (see errors.ts).
 */
const VOUCHED_FOR = new Set(['INTERNAL_SERVER_ERROR', 'DOWNSTREAM_SERVICE_ERROR']);

const LEVEL_WORDS = { county: { zh: '县级', en: 'county' }, township: { zh: '乡镇', en: 'township' }, village: { zh: '村级', en: 'village' } } as const;

const formatErrorFor = (urls: SubgraphUrls) => (formatted: GraphQLFormattedError): GraphQLFormattedError => {
  const { stacktrace: _stacktrace, exception: _exception, response: _response, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
  // graphql-js's own words for the token limit ("Syntax Error: Document contains more that N tokens") read
  // like a typo in the query; say what happened and what to do, like the other limits.
  if (extensions.code === 'GRAPHQL_PARSE_FAILED' && /contains more that \d+ tokens/.test(formatted.message)) {
    const message = `查询过长（最多 ${QUERY_LIMITS.tokens} 个词法单元），请拆分查询 / The query has more than ${QUERY_LIMITS.tokens} tokens, the gateway's limit. Ask for less in one request: split the query.`;
    return { message, extensions: { ...extensions, limit: 'tokens', max: QUERY_LIMITS.tokens } };
  }
  // graphql-js's words for a document of several operations, one of them without a name.
  if (extensions.code === 'GRAPHQL_VALIDATION_FAILED' && formatted.message === 'This anonymous operation must be the only defined operation.') {
    const message = '文档中有多个操作时，每个操作都须命名，并用 operationName 指明执行哪一个 / This anonymous operation must be the only defined operation: name each operation and say which to run with operationName.';
    return { ...formatted, message, extensions };
  }
  // A level that does not answer: say which, never where it listens (an internal address is nobody's business).
  // A subgraph's own error (its database refusing connections) carries its serviceName; a request that never
  // reached one names its URL.
  const unreachable = /^request to https?:\/\/\S+ failed, reason: (.*)$/.exec(formatted.message);
  if (unreachable || /ECONNREFUSED|ECONNRESET|ETIMEDOUT|socket hang up/.test(formatted.message)) {
    const { serviceName, ...rest } = extensions;
    const level = (typeof serviceName === 'string' && serviceName in LEVEL_WORDS ? serviceName : undefined) ?? Object.entries(urls).find(([, url]) => formatted.message.includes(new URL(url).origin))?.[0];
    const words = level ? LEVEL_WORDS[level as keyof typeof LEVEL_WORDS] : undefined;
    const message = words
      ? `暂时无法连接${words.zh}系统，请稍后再试 / the ${words.en} system is not answering right now; try again in a minute`
      : `暂时无法连接其中一级的系统，请稍后再试 / one level's system is not answering right now; try again in a minute`;
    return { ...formatted, message, extensions: { ...rest, code: 'SERVICE_UNAVAILABLE', ...(level ? { level } : {}) } };
  }
  const code = extensions.code;
  // A database driver's or Node's own code (ER_DUP_ENTRY, SQLITE_CONSTRAINT, ERR_…) is never one of ours.
  const foreign = typeof code === 'string' && /^(ER_|ERR_|SQLITE_|LIBSQL_)/.test(code);
  if (foreign || ((typeof code !== 'string' || VOUCHED_FOR.has(code)) && typeof extensions.errorId !== 'string')) {
    const errorId = logInternalError('a GraphQL request failed', { message: formatted.message, path: formatted.path, extensions: formatted.extensions });
    return { message: internalErrorMessage(errorId), locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR', errorId } };
  }
  // Every client, ours or not, reads a refusal in Chinese first (graphql-js and Apollo speak English).
  return { ...formatted, message: chineseFirst(typeof code === 'string' ? code : 'BAD_REQUEST', formatted.message), extensions };
};

function bodyFor(signedIn: (req: express.Request) => Promise<boolean>): express.RequestHandler {
  const small = express.json({ limit: QUERY_LIMITS.bodyBytes });
  const large = express.json({ limit: QUERY_LIMITS.staffBodyBytes });
  return (req, res, next) => void signedIn(req).then((staff) => (staff ? large : small)(req, res, next), next);
}

export async function createGateway(config: GatewayConfig): Promise<RunningGateway> {
  const urls = config.subgraphUrls;
  const auth = config.auth ?? authConfigFromEnv();
  const production = config.production ?? productionFromEnv();
  if (auth.staffSecret === auth.gatewaySecret) throw new Error('SCF_AUTH_SECRET and SCF_GATEWAY_SECRET must differ: one signs staff tokens, the other the gateway credential');
  if (production && (auth.staffSecret.length < 32 || auth.gatewaySecret.length < 32)) throw new Error('In production both secrets must be at least 32 characters');
  const introspection = config.introspection ?? introspectionFromEnv() ?? !production;
  const trustProxy = config.trustProxy === true ? 1 : config.trustProxy === false ? 0 : (config.trustProxy ?? trustProxyFromEnv());
  const signInLimits: SignInLimits = { ...DEFAULT_SIGN_IN_LIMITS, ...config.signInLimits };
  const queryBudgets: QueryBudgets = { ...queryBudgetsFromEnv(), ...config.queryBudgets };
  const rateLimits: GraphqlRateLimits = { ...graphqlRateLimitsFromEnv(), ...config.graphqlRateLimits };
  const credential = gatewayCredentialSource(auth.gatewaySecret);
  const accounts = accountStatusChecker(urls, credential, config.accountCheckMs ?? accountCheckMsFromEnv());

  const fetcher = subgraphFetcher();
  const gateway = new ApolloGateway({
    supergraphSdl: config.supergraphSdl ?? loadSupergraph(),
    // The supergraph records placeholder URLs; the running subgraphs are wherever configuration says.
    buildService({ name }) {
      const url = urls[name as keyof SubgraphUrls];
      if (!url) throw new Error(`No URL configured for subgraph "${name}"`);
      return new RemoteGraphQLDataSource<GatewayContext>({
        url,
        fetcher,
        // The subgraph request starts with no header of the client's: only these three are set, so a client
        // can neither pass its own credential or address on nor reach a subgraph with anything else.
        async willSendRequest({ request, context }) {
          const headers = request.http!.headers;
          for (const name of ['authorization', GATEWAY_CREDENTIAL_HEADER, CLIENT_IP_HEADER]) headers.delete(name);
          headers.set(GATEWAY_CREDENTIAL_HEADER, await credential());
          const ctx = context as Partial<GatewayContext>;
          if (ctx.clientIp) headers.set(CLIENT_IP_HEADER, ctx.clientIp);
          if (ctx.token) headers.set('authorization', `Bearer ${ctx.token}`);
        },
      });
    },
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxy > 0 ? trustProxy : false);
  const httpServer = http.createServer(app);
  // A client that trickles its headers or body in ties up a socket: give up on it well before Node's defaults.
  httpServer.headersTimeout = 20_000;
  httpServer.requestTimeout = 60_000;
  const hardening = armor();
  const server = new ApolloServer<GatewayContext>({
    gateway,
    introspection,
    // Stack traces show our internals, not the user's mistake; the error code and message say what went wrong.
    includeStacktraceInErrorResponses: false,
    formatError: formatErrorFor(urls),
    // GET or a form-encodable content type (text/plain, form data) needs `apollo-require-preflight` (or
    // `x-apollo-operation-name`): a browser cannot send that cross-site without CORS, which the gateway never grants.
    csrfPrevention: true,
    // One operation per request: a batch would multiply every per-request limit below.
    allowBatchedHttpRequests: false,
    // Clients send the whole query; a hash-only request would skip nothing but make the cache a target.
    persistedQueries: false,
    parseOptions: { maxLexicalTokens: QUERY_LIMITS.tokens },
    validationRules: [...hardening.validationRules, oneChangePerRequest],
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // The default landing page pulls Apollo Sandbox from Apollo's CDN: an outside call from a government office.
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ...hardening.plugins,
      operationChecks(queryBudgets, { listSizes: config.listSizes ? { ...LIST_SIZES, ...config.listSizes } : LIST_SIZES }),
      ...(production ? [hideSuggestions()] : []),
    ],
  });
  await server.start();

  app.use(securityHeaders(['/graphql', '/auth', '/health']));
  // Village rooms are on slow links: JSON answers and the web clients shrink 5–20× gzipped.
  app.use(compression({ threshold: 1024 }));

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

  app.use('/auth', authRoutes({ auth, subgraphUrls: urls, credential, limits: signInLimits, production }));

  // Who a request is from, worked out once: the rate limit counts it, and the context below refuses a bad token.
  const credentialsOf = (req: express.Request): Promise<{ actor: Actor; token: string } | null> => {
    const locals = req.res!.locals as { found?: Promise<{ actor: Actor; token: string } | null> };
    locals.found ??= actorOf(req.headers.authorization, auth.staffSecret);
    return locals.found;
  };

  app.use(
    '/graphql',
    graphqlRateLimit(rateLimits, async (req) => ({
      account: await credentialsOf(req).then((f) => f?.actor.username ?? null, () => null),
      address: clientIp(req),
    })),
    // Anonymous callers send queries (a few kB); staff may send a punch machine's log (importPunches).
    bodyFor((req) => credentialsOf(req).then((f) => f !== null, () => false)),
    // Express 5 leaves req.body unset for a body it does not parse (text/plain, a form): Apollo then answers
    // with its own CSRF or content-type refusal instead of the integration's plain-text 500.
    (req, _res, next) => {
      req.body ??= {};
      next();
    },
    // `punch`, `attendanceMonth`… go to the level they are for (level-routing.ts); a bad token is refused below.
    levelRouting((req) => credentialsOf(req).then((f) => f?.actor ?? null)),
    expressMiddleware(server, {
      // A token is checked before anything reaches a subgraph: a bad one refuses the whole request with 401.
      // No token is fine: the request is anonymous and each subgraph decides what it may see.
      async context({ req }): Promise<GatewayContext> {
        const ip = clientIp(req);
        try {
          const found = await credentialsOf(req);
          if (found) await accounts.check(found.actor, timesOf(found.token));

          return { token: found?.token ?? null, actor: found?.actor ?? null, clientIp: ip };
        } catch (e) {
          if (e instanceof AccountCheckUnavailable) {
            console.error(`gateway: ${e.message}`);
            throw new GraphQLError('暂时无法确认登录状态，请稍后再试 / your sign-in cannot be confirmed right now (a level is not answering); try again in a minute', {
              extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } },
            });
          }
          if (!(e instanceof UnauthenticatedError)) throw e;
          throw new GraphQLError(e.message, {
            extensions: {
              code: 'UNAUTHENTICATED',
              http: { status: 401, headers: new HeaderMap([['www-authenticate', 'Bearer realm="scf", error="invalid_token"']]) },
            },
          });
        }
      },
    }),
  );

  if (config.webRoot) app.use(staticSite(config.webRoot));
  app.use(notFound());
  app.use(jsonErrors());

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
      fetcher.close();
    },
  };
}
