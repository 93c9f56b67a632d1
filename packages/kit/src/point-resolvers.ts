import { requireActor, type StaffRole } from '@scf/auth';
import { codeAtLevel, LEVEL_SPECS, validateDivisionCode, type Level, type LevelSpec } from '@scf/domain';
import type { DirectoryLoaders, PointTable, StaffTable } from './directories.js';
import { notFound } from './errors.js';
import type { ResolverMap } from './module.js';

interface Ctx {
  loaders: DirectoryLoaders;
  actor: import('@scf/auth').Actor | null;
}

/**
 * The resolvers of a township's or village's own point type: the query by code, the reference, its parent
 * as a reference to the level above, and the parent type's list of them (a county's townships).
 */
export function childPointResolvers(spec: LevelSpec, parent: Level, t: PointTable & { parentField: string }): ResolverMap {
  const up = LEVEL_SPECS[parent];
  return {
    Query: {
      async [spec.field](_: unknown, { code }: { code: string }, ctx: Ctx) {
        validateDivisionCode(code, spec.level);
        const point = await ctx.loaders.pointByCode.load(code);
        if (!point) throw notFound(`本系统没有载入代码为 ${code} 的${spec.pointKind}，请先载入其所在县：npm run seed -- --county ${codeAtLevel(code, 'COUNTY')} / No ${spec.field} with code ${code} is loaded here. Load its county with: npm run seed -- --county ${codeAtLevel(code, 'COUNTY')}`, { divisionCode: code });
        return point;
      },
    },
    [spec.type]: {
      __resolveReference: (ref: { code: string }, ctx: Ctx) => ctx.loaders.pointByCode.load(ref.code),
      [up.field]: (p: Record<string, string>) => ({ code: p[t.parentField] }),
    },
    [up.type]: {
      // Only the code travels here; the level above owns the rest of its point.
      __resolveReference: (ref: { code: string }) => ref,
      [`${spec.field}s`]: (p: { code: string }, _: unknown, ctx: Ctx) => ctx.loaders.pointsByParent.load(p.code),
    },
  };
}

/** The staff of a point (signed-in readers only) and the staff type's own fields, for any level. */
export function staffTypeResolvers(spec: LevelSpec, t: StaffTable, extra: Record<string, unknown> = {}): ResolverMap {
  return {
    [spec.type]: {
      async staff(point: { code: string }, { role }: { role?: StaffRole }, ctx: Ctx) {
        // Who works where is for colleagues, not for anonymous callers.
        requireActor(ctx.actor);
        const all = await ctx.loaders.staffByPoint.load(point.code);
        return role ? all.filter((s) => s.role === role) : all;
      },
    },
    [`${spec.type}Staff`]: {
      __resolveReference: (ref: { id: string }, ctx: Ctx) => requireActor(ctx.actor) && ctx.loaders.staffById.load(Number(ref.id)),
      level: () => spec.level,
      point: (s: Record<string, string>, _: unknown, ctx: Ctx) => ctx.loaders.pointByCode.load(s[t.pointField]!),
      ...extra,
    },
  };
}

/**
 * The SDL of a level's staff type and the point's `staff` list; `extraFields` are the level's own (a
 * township desk, a county window). The same fields at every level, so a client reads staff one way.
 */
export function staffTypeDefs(spec: LevelSpec, extraFields = ''): string {
  return /* GraphQL */ `
  extend type ${spec.type} {
    "The ${spec.label}'s staff, optionally only one role."
    staff(role: StaffRole): [${spec.type}Staff!]!
  }

  "A member of staff of a ${spec.label}."
  type ${spec.type}Staff @key(fields: "id") {
    id: ID!
    username: String!
    name: String!
    role: StaffRole!
    post: Post
    level: Level!
    "The point they serve."
    point: ${spec.type}!
    ${extraFields}
  }
`;
}

/**
 * The SDL of a township's or village's point type: the query by code, the type with its parent, and the
 * parent's list of them. `ownFields` are the level's own (its centre's or room's name).
 */
export function childPointTypeDefs(spec: LevelSpec, parent: Level, o: { example: string; description: string; ownFields: string }): string {
  const up = LEVEL_SPECS[parent];
  return /* GraphQL */ `
  type Query {
    "A ${spec.label} by its ${spec.codeLength}-digit code, e.g. \\"${o.example}\\". Unknown or malformed codes are errors."
    ${spec.field}(code: ID!): ${spec.type}
  }

  "${o.description}"
  type ${spec.type} @key(fields: "code") {
    "${spec.codeLength}-digit division code."
    code: ID!
    name: String!
    ${o.ownFields}
    ${up.field}: ${up.type}!
  }

  type ${up.type} @key(fields: "code") {
    code: ID!
    "The ${up.field}'s ${spec.field === 'village' ? 'villages and communities' : 'townships and streets'}, in code order."
    ${spec.field}s: [${spec.type}!]!
  }
`;
}
