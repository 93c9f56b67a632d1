import type { EntitySchema, MigrationObject, MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import type { AuthConfig, StaffRole } from '@scf/auth';
import type { LevelSpec } from '@scf/domain';
import type { BackgroundTask, RequestIdentity, SubgraphRoute } from './subgraph-server.js';

/**
 * The module contract. A level's subgraph is its host — its own points, its own staff and their loaders —
 * plus the list of modules it mounts; a module is one domain (cases, accounts, the catalogue, complaints…)
 * with everything it brings: SDL, resolvers, entities, migrations, internal routes, background tasks and
 * per-request state. Adding a domain to a level is one line in that level's list (see defineLevel).
 */

/** A service point of the level, as every module sees it. */
export interface PointInfo {
  code: string;
  name: string;
  /** The name on the door: 宁武县政务服务中心, 凤凰镇便民服务中心, 东寨村便民服务室. */
  centreName: string;
  /** The point one level up; null for a county. */
  parentCode: string | null;
  countyCode: string;
  complaintPhone?: string | null;
}

/** A member of the level's staff, as every module sees them (the password fields only for sign-in). */
export interface StaffInfo {
  id: number;
  username: string;
  name: string;
  role: StaffRole;
  pointCode: string;
  countyCode: string;
  /** County window staff: their window unit's name; township staff: their desk (民政, 社保…); null elsewhere. */
  unit: string | null;
  /** AB岗: the A or B holder of their post (R24); null where no post is kept. */
  post: 'A' | 'B' | null;
  active: boolean;
  passwordHash: string | null;
  /** When the password was last set: tokens issued before it no longer count. */
  passwordSetAt: Date | null;
}

/** A window (窗口) of a point and who holds it. */
export interface WindowInfo {
  /** Stable within the point: the county window's id, a township desk's name, `room` for a village. */
  id: string;
  /** What a person reads: 8号窗口 (户籍), 社保, 代办. */
  name: string;
  /** The window unit (county) or desk (township) it belongs to; null for a village room. */
  unit: string | null;
  holders: { username: string; name: string; post: 'A' | 'B' | null }[];
}

/** A new member of staff as a director enters them; each level checks and stores its own fields. */
export interface NewStaffInput {
  pointCode: string;
  username: string;
  name: string;
  role: StaffRole;
  post?: 'A' | 'B' | null;
  phone?: string | null;
  /** County: the window unit and window. */
  unitId?: string | null;
  windowId?: string | null;
  /** Township: the desk's business (民政, 社保...). */
  desk?: string | null;
}

export type ResolverMap = Record<string, Record<string, unknown>>;

/**
 * A migration of one module. Its recorded name is `<module>/<id>`: the module owns the order of its own
 * migrations, and the level runs the host's, then each module's in the order the modules are mounted.
 */
export interface ModuleMigration {
  id: string;
  /** The migration under its recorded name (e.g. `name => schemaMigration(name, schema => …)`). */
  create(name: string): MigrationObject;
  /**
   * Names this migration was recorded under before modules existed (`0003-cases`): a database that ran
   * all of them has run this one, and its record is renamed rather than the tables made again.
   */
  replaces?: string[];
}

/** What every level provides to the modules it mounts: its points and its staff. */
export interface LevelHost<Loaders extends object = Record<string, unknown>> {
  spec: LevelSpec;
  /** The SDL of the level's own types (the point type, its staff) and their resolvers. */
  typeDefs: string;
  resolvers: ResolverMap;
  entities(): EntitySchema<any, any>[];
  migrations: ModuleMigration[];
  /** The host's own DataLoaders, built per request; resolvers find them at `ctx.loaders`. */
  loaders(em: EntityManager): Loaders;
  points: {
    find(em: EntityManager, code: string): Promise<PointInfo | null>;
    /** Every point of this level in a county, by code. */
    inCounty(em: EntityManager, countyCode: string): Promise<PointInfo[]>;
    /** The counties this database holds points of (a replica pulls their catalogues). */
    countyCodes(em: EntityManager): Promise<string[]>;
    /** The row the level's point type resolves, through the request's loader. */
    load(ctx: any, code: string): Promise<unknown>;
    /**
     * The windows of a point and who holds each (AB岗, R24): the county hall's numbered windows, a township
     * centre's desks, a village room's one counter. Attendance asks whether each is covered.
     */
    windows(em: EntityManager, pointCode: string): Promise<WindowInfo[]>;
  };
  staff: {
    /** Entity name of the level's staff, for updates. */
    entity: string;
    find(em: EntityManager, username: string): Promise<StaffInfo | null>;
    /** The active staff of a point, in the order they were added (rosters, attendance sheets, assessments). */
    atPoint(em: EntityManager, pointCode: string): Promise<StaffInfo[]>;
    /** The row the level's staff type resolves, read now (after a change). */
    row(em: EntityManager, username: string): Promise<unknown>;
    /** The row the level's staff type resolves, through the request's loader. */
    load(ctx: any, username: string): Promise<unknown>;
    /** Inserts the member of staff (the level's own fields checked here) and returns the row its type resolves. */
    create(em: EntityManager, input: NewStaffInput, passwordHash: string): Promise<unknown>;
    /** Where window units share a point (the county hall): the unit of a member of staff. */
    unitOf?(ctx: any, username: string): Promise<string | null>;
  };
}

/** Settings every level server takes, whatever it mounts. */
export interface LevelServerConfig {
  databaseUrl?: string;
  /** Secrets for the gateway's credential and staff tokens; default authConfigFromEnv(). */
  auth?: AuthConfig;
  port?: number;
  host?: string;
  /** The time the subgraph believes it is (tests move it to watch deadlines pass); the real clock otherwise. */
  clock?: () => Date;
}

/** What a module is given when its level starts. */
export interface ModuleRuntime<C = unknown> {
  host: LevelHost;
  orm: MikroORM;
  auth: AuthConfig;
  clock: () => Date;
  config: LevelServerConfig & C;
}

/** The running part of a module. */
export interface ModuleParts<E = unknown> {
  routes?: SubgraphRoute[];
  tasks?: BackgroundTask[];
  /** Per-request state merged into the resolvers' context (fresh loaders, a kick for a relay…). */
  context?(em: EntityManager, identity: RequestIdentity): object;
  /** What the running server offers beside GraphQL (a relay to flush, a replica to sync). */
  exposes?: E;
  /** Finishes the module's work before the database closes. */
  close?(): Promise<void>;
}

/**
 * One domain. `C` is the configuration it reads from the level's server config, `E` what it exposes on the
 * running server. Everything is optional: a module may be only SDL and resolvers, or only a task.
 */
export interface SubgraphModule<C = {}, E = {}> {
  name: string;
  /** Modules that must be mounted before this one (their tables, their context). */
  requires?: string[];
  typeDefs?(host: LevelHost): string | string[];
  resolvers?(host: LevelHost): ResolverMap | ResolverMap[];
  /** Built fresh per database: ORMs in one process never share metadata. */
  entities?(host: LevelHost): EntitySchema<any, any>[];
  migrations?(host: LevelHost): ModuleMigration[];
  /**
   * The module's settings, read and checked before the database is opened: a production start without a
   * secret, or a multi-host start without a peer's address, stops at once naming it. What it returns is
   * merged into the config that `start` gets.
   */
  settings?(host: LevelHost, config: LevelServerConfig & Partial<C>): Partial<C>;
  start?(runtime: ModuleRuntime<C>): ModuleParts<E> | Promise<ModuleParts<E>>;
  /** Only so TypeScript can tell a module's configuration from its exposes; never set. */
  readonly __config?: C;
}

/** Declares a module, keeping its configuration and exposes types. */
export function defineModule<C = {}, E = {}>(module: SubgraphModule<C, E>): SubgraphModule<C, E> {
  return module;
}
