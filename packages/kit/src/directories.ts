import type { EntityManager } from '@mikro-orm/knex';
import type { StaffRole } from '@scf/auth';
import { codeAtLevel, type LevelSpec } from '@scf/domain';
import { byKeyLoader, childrenLoader } from './loaders.js';
import type { LevelHost, PointInfo, StaffInfo } from './module.js';

/**
 * Every level keeps its points and its staff in tables of the same shape; these read them for the host,
 * named by entity and field, so a level describes its tables once instead of re-describing them per module.
 */
export interface PointTable {
  /** Entity name (Township). */
  entity: string;
  /** The field holding the code of the point one level up (townshipCode), or null for a county. */
  parentField: string | null;
  /** The field with the name on the door (centreName, roomName). */
  centreNameField: string;
  complaintPhoneField?: string;
}

export interface StaffTable {
  entity: string;
  /** The field holding the staff member's point code (townshipCode). */
  pointField: string;
}

type Row = Record<string, any>;

/** The host's DataLoaders over its points and staff, under names every level shares. */
export function directoryLoaders(em: EntityManager, points: PointTable, staff: StaffTable) {
  const byParent = points.parentField;
  return {
    pointByCode: byKeyLoader<string, Row>((codes) => em.find<Row>(points.entity, { code: { $in: [...codes] } }), (p) => p.code),
    /** The points under each parent code (a county's townships, a township's villages), by code. */
    pointsByParent: childrenLoader<string, Row>(
      (codes) => (byParent ? em.find<Row>(points.entity, { [byParent]: { $in: [...codes] } }, { orderBy: { code: 'asc' } }) : Promise.resolve([])),
      (p) => (byParent ? p[byParent] : ''),
    ),
    staffById: byKeyLoader<number, Row>((ids) => em.find<Row>(staff.entity, { id: { $in: [...ids] } }), (s) => s.id),
    staffByUsername: byKeyLoader<string, Row>((names) => em.find<Row>(staff.entity, { username: { $in: [...names] } }), (s) => s.username),
    /** The active staff of each point, in the order they were added. */
    staffByPoint: childrenLoader<string, Row>(
      (codes) => em.find<Row>(staff.entity, { [staff.pointField]: { $in: [...codes] }, active: true }, { orderBy: { id: 'asc' } }),
      (s) => s[staff.pointField],
    ),
  };
}

export type DirectoryLoaders = ReturnType<typeof directoryLoaders>;

const loadersOf = (ctx: unknown) => (ctx as { loaders: DirectoryLoaders }).loaders;

export function pointDirectory(spec: LevelSpec, t: PointTable, windows: LevelHost['points']['windows']): LevelHost['points'] {
  const info = (p: Row): PointInfo => ({
    code: p.code,
    name: p.name,
    centreName: p[t.centreNameField],
    parentCode: t.parentField ? p[t.parentField] : null,
    countyCode: codeAtLevel(p.code, 'COUNTY'),
    ...(t.complaintPhoneField ? { complaintPhone: p[t.complaintPhoneField] ?? null } : {}),
  });
  return {
    async find(em, code) {
      const p = await em.findOne<Row>(t.entity, { code });
      return p && info(p);
    },
    async inCounty(em, countyCode) {
      const where = spec.level === 'COUNTY' ? { code: countyCode } : { code: { $like: `${countyCode}%` } };
      return (await em.find<Row>(t.entity, where, { orderBy: { code: 'asc' } })).map(info);
    },
    async countyCodes(em) {
      const rows = await em.find<Row>(t.entity, {}, { fields: ['code'] as never, orderBy: { code: 'asc' } });
      return [...new Set(rows.map((p) => codeAtLevel(p.code, 'COUNTY')))];
    },
    load: (ctx, code) => loadersOf(ctx).pointByCode.load(code),
    windows,
  };
}

/** Reads and writes of a level's staff table; `create` inserts with the level's own fields. */
export function staffDirectory(
  t: StaffTable,
  parts: Pick<LevelHost['staff'], 'create' | 'unitOf'> & {
    /** The unit's name of a row, read with `em` (sign-in puts it in the token). Levels without units leave it out. */
    unitName?(em: EntityManager, row: Row): Promise<string | null>;
  },
): LevelHost['staff'] {
  const info = async (em: EntityManager, s: Row): Promise<StaffInfo> => {
    const pointCode: string = s[t.pointField];
    return {
      id: s.id, username: s.username, name: s.name, role: s.role as StaffRole, pointCode, countyCode: codeAtLevel(pointCode, 'COUNTY'),
      unit: (await parts.unitName?.(em, s)) ?? null, post: s.post ?? null, active: s.active, passwordHash: s.passwordHash ?? null, passwordSetAt: s.passwordSetAt ?? null,
    };
  };
  return {
    entity: t.entity,
    async find(em, username) {
      const s = await em.findOne<Row>(t.entity, { username }, { populate: ['passwordHash'] as never });
      return s && info(em, s);
    },
    async atPoint(em, pointCode) {
      const rows = await em.find<Row>(t.entity, { [t.pointField]: pointCode, active: true }, { orderBy: { id: 'asc' } });
      return Promise.all(rows.map(async (s) => ({ ...(await info(em, s)), passwordHash: null })));
    },
    row: (em, username) => em.findOne<Row>(t.entity, { username }),
    load: (ctx, username) => loadersOf(ctx).staffByUsername.load(username),
    create: parts.create,
    ...(parts.unitOf ? { unitOf: parts.unitOf } : {}),
  };
}
