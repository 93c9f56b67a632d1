import { parse, type DocumentNode } from 'graphql';
import type { EntityManager } from '@mikro-orm/knex';
import type { MikroORM } from '@mikro-orm/core';
import { authConfigFromEnv } from '@scf/auth';
import { databaseUrlFor, openDatabase } from './database.js';
import { portFromEnv } from './peers.js';
import type { LevelHost, LevelServerConfig, ModuleParts, ResolverMap, SubgraphModule } from './module.js';
import { mergeResolvers } from './resolvers.js';
import { federationLink, sharedEnums } from './sdl.js';
import type { SqlCounter } from './sql-counter.js';
import { startSubgraph, type RequestIdentity, type RunningSubgraph } from './subgraph-server.js';

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
type ConfigOf<M> = M extends SubgraphModule<infer C, any> ? C : never;
type ExposesOf<M> = M extends SubgraphModule<any, infer E> ? E : never;

/** The configuration a level's server takes: the common settings and every mounted module's. */
export type LevelConfig<M extends readonly SubgraphModule<any, any>[]> = LevelServerConfig & Partial<UnionToIntersection<ConfigOf<M[number]>>>;
export type RunningLevel<M extends readonly SubgraphModule<any, any>[]> = RunningSubgraph & UnionToIntersection<ExposesOf<M[number]>>;

/** The base of every request's context; modules add their own parts (see ModuleParts.context). */
export interface LevelContext<Loaders = Record<string, unknown>> {
  em: EntityManager;
  now: () => Date;
  actor: RequestIdentity['actor'];
  clientIp: string | null;
  loaders: Loaders;
}

export interface MountedModules {
  parts: ModuleParts<any>[];
  context(em: EntityManager, now: () => Date, identity: RequestIdentity): LevelContext;
  exposes: Record<string, unknown>;
  close(): Promise<void>;
}

export interface MountedLevel<M extends readonly SubgraphModule<any, any>[]> {
  host: LevelHost;
  modules: M;
  typeDefs: DocumentNode;
  resolvers: ResolverMap;
  /** The migrations in the order they run, each named `<module>/<id>`. */
  migrationNames(): string[];
  openDatabase(url: string, opts?: { migrate?: boolean; sqlCounter?: SqlCounter }): Promise<{ orm: MikroORM; sql: SqlCounter }>;
  /**
   * Starts the modules on an open database without serving them: the request context they build, what they
   * expose, and the routes and tasks a server would run. createServer uses it; so do in-process tests.
   */
  mount(orm: MikroORM, config?: LevelConfig<M>): Promise<MountedModules>;
  /** Opens (and migrates) the level's database and serves its subgraph. Port 0 picks a free port. */
  createServer(config?: LevelConfig<M>): Promise<RunningLevel<M>>;
}

const asList = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/**
 * A level's subgraph from its host and the modules it mounts, in order. Everything a module brings is
 * wired here once for every level: SDL and resolvers into the schema, entities and migrations into the
 * database, routes and tasks into the server, per-request state into the context.
 */
export function defineLevel<const M extends readonly SubgraphModule<any, any>[]>(host: LevelHost, modules: M): MountedLevel<M> {
  const name = host.spec.field;
  const seen = new Set<string>();
  for (const m of modules) {
    if (seen.has(m.name)) throw new Error(`the ${name} level mounts the module "${m.name}" twice`);
    for (const r of m.requires ?? []) {
      if (!seen.has(r)) throw new Error(`the module "${m.name}" needs "${r}" mounted before it at the ${name} level`);
    }
    seen.add(m.name);
  }

  const typeDefs = parse([federationLink, sharedEnums, host.typeDefs, ...modules.flatMap((m) => asList(m.typeDefs?.(host)))].join('\n'));
  const resolvers = mergeResolvers(host.resolvers, ...modules.flatMap((m) => asList(m.resolvers?.(host))));
  const migrationList = () => [
    ...host.migrations.map((mig) => ({ ...mig, name: `${name}/${mig.id}` })),
    ...modules.flatMap((m) => (m.migrations?.(host) ?? []).map((mig) => ({ ...mig, name: `${m.name}/${mig.id}` }))),
  ];

  const openLevelDatabase: MountedLevel<M>['openDatabase'] = async (url, opts = {}) => {
    const list = migrationList();
    const { orm, sql } = await openDatabase({
      url,
      entities: [...host.entities(), ...modules.flatMap((m) => m.entities?.(host) ?? [])],
      migrations: list.map((mig) => mig.create(mig.name)),
      renamedMigrations: list.filter((mig) => mig.replaces?.length).map((mig) => ({ name: mig.name, replaces: mig.replaces! })),
      ...opts,
    });
    return { orm, sql };
  };

  return {
    host,
    modules,
    typeDefs,
    resolvers,
    migrationNames: () => migrationList().map((m) => m.name),
    openDatabase: openLevelDatabase,
    async mount(orm, config = {} as LevelConfig<M>) {
      const auth = config.auth ?? authConfigFromEnv();
      const clock = config.clock ?? (() => new Date());
      const parts: ModuleParts<any>[] = [];
      const close = () => Promise.all(parts.map((p) => p.close?.())).then(() => undefined);
      try {
        for (const m of modules) parts.push((await m.start?.({ host, orm, auth, clock, config: config as never })) ?? {});
      } catch (e) {
        await close();
        throw e;
      }
      return {
        parts,
        context(em, now, identity) {
          const ctx: LevelContext = { em, now, actor: identity.actor, clientIp: identity.clientIp, loaders: host.loaders(em) as Record<string, unknown> };
          for (const p of parts) {
            // A module's loaders join the host's under ctx.loaders; the rest of its state sits beside them.
            const { loaders, ...rest } = (p.context?.(em, identity) ?? {}) as { loaders?: object };
            if (loaders) Object.assign(ctx.loaders, loaders);
            Object.assign(ctx, rest);
          }
          return ctx;
        },
        exposes: Object.assign({}, ...parts.map((p) => p.exposes ?? {})),
        close,
      };
    },
    async createServer(given = {} as LevelConfig<M>) {
      // Settings first: a start without a required secret or address stops before the database is touched.
      const auth = given.auth ?? authConfigFromEnv();
      let config = { ...given, auth };
      for (const m of modules) if (m.settings) config = { ...config, ...m.settings(host, config as never) };
      const { orm, sql } = await openLevelDatabase(config.databaseUrl ?? databaseUrlFor(host.spec.level));
      let mounted: MountedModules;
      try {
        mounted = await this.mount(orm, config);
      } catch (e) {
        await orm.close(true);
        throw e;
      }
      const server = await startSubgraph({
        name, typeDefs, resolvers, orm, sql, auth, port: config.port, host: config.host, clock: config.clock,
        routes: mounted.parts.flatMap((p) => p.routes ?? []),
        tasks: mounted.parts.flatMap((p) => p.tasks ?? []),
        context: (em, now, identity) => mounted.context(em, now, identity),
      });
      return {
        ...server,
        ...mounted.exposes,
        // Modules finish what they are doing (a relay sending) before the database closes.
        stop: () => mounted.close().then(() => server.stop()),
      } as RunningLevel<M>;
    },
  };
}

/**
 * Runs a level as its own process (`npm start` and production): `<LEVEL>_PORT` (default the level's port
 * in the table of levels) and `<LEVEL>_HOST` (default 127.0.0.1), stopping cleanly on SIGINT and SIGTERM.
 * Everything else (secrets, the other levels' addresses, the database) the level reads from the
 * environment; a missing or bad setting stops the start with one line naming it.
 */
export async function runLevel<M extends readonly SubgraphModule<any, any>[]>(level: MountedLevel<M>, config: LevelConfig<M> = {} as LevelConfig<M>, env: NodeJS.ProcessEnv = process.env) {
  const { level: name, field } = level.host.spec;
  const server = await Promise.resolve()
    // Port 0 (any free port) is fine to listen on, though never an address to find a peer at.
    .then(() => level.createServer({ port: env[`${name}_PORT`] === '0' ? 0 : portFromEnv(name, env), host: env[`${name}_HOST`] ?? '127.0.0.1', ...config }))
    .catch((e: Error) => {
      console.error(`${field} subgraph not started: ${e.message}`);
      process.exit(1);
    });
  console.log(`${field} subgraph at ${server.url}`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void server.stop().then(() => process.exit(0)));
  return server;
}
