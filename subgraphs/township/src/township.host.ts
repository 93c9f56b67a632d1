import { invalid, LEVEL_SPECS } from '@scf/domain';
import { childPointResolvers, staffTypeDefs, directoryLoaders, mergeResolvers, pointDirectory, staffDirectory, staffTypeResolvers, type DirectoryLoaders, type LevelContext, type WindowInfo, type LevelHost, type PointTable, type StaffTable } from '@scf/kit';
import { pointsStaffMigration } from './migrations/0001-service-points-staff.js';
import { TownshipStaff, TownshipStaffEntity } from './staff/staff.entity.js';
import { TownshipEntity } from './townships/township.entity.js';
import { townshipTypeDefs } from './townships/township.graphql.js';

const points: PointTable & { parentField: string } = { entity: 'Township', parentField: 'countyCode', centreNameField: 'centreName' };
const staff: StaffTable = { entity: 'TownshipStaff', pointField: 'townshipCode' };

/** The township level's own: its centres and their staff, as every module it mounts sees them. */
export const townshipHost: LevelHost = {
  spec: LEVEL_SPECS.TOWNSHIP,
  typeDefs: [townshipTypeDefs, staffTypeDefs(LEVEL_SPECS.TOWNSHIP, '"The window\'s business where they sit (民政, 社保...)."\n    desk: String')].join('\n'),
  resolvers: mergeResolvers(childPointResolvers(LEVEL_SPECS.TOWNSHIP, 'COUNTY', points), staffTypeResolvers(LEVEL_SPECS.TOWNSHIP, staff)),
  entities: () => [TownshipEntity, TownshipStaffEntity],
  migrations: [{ id: '0001-service-points-staff', replaces: ['0001-service-points-staff'], create: pointsStaffMigration }],
  loaders: (em) => directoryLoaders(em, points, staff),
  // Each desk (社保, 计生…) is a window, held by the clerks who sit at it.
  points: pointDirectory(LEVEL_SPECS.TOWNSHIP, points, async (em, code) => {
    const desks = new Map<string, WindowInfo>();
    for (const s of await em.find(TownshipStaff, { townshipCode: code, active: true, desk: { $ne: null } }, { orderBy: { id: 'asc' } })) {
      const w = desks.get(s.desk!) ?? { id: s.desk!, name: s.desk!, unit: s.desk!, holders: [] };
      w.holders.push({ username: s.username, name: s.name, post: s.post });
      desks.set(s.desk!, w);
    }
    return [...desks.values()];
  }),
  staff: staffDirectory(staff, {
    async create(em, input, passwordHash) {
      // The desk decides which cases they handle (the catalogue names the desk of each township item).
      if ((input.role === 'CLERK' || input.role === 'CHIEF_REPRESENTATIVE') && !input.desk?.trim()) {
        invalid('desk', '乡镇窗口工作人员须写明所在窗口（岗位），如“社保” / township window staff sit at a desk: name it, e.g. 社保');
      }
      const row = em.create(TownshipStaff, {
        townshipCode: input.pointCode, username: input.username, name: input.name, role: input.role, post: input.post ?? null,
        desk: input.desk?.trim() || null, phone: input.phone ?? null, active: true, passwordHash, passwordSetAt: new Date(), createdAt: new Date(), updatedAt: new Date(),
      });
      await em.flush();
      return row;
    },
    // A township centre's desks (民政, 社保, 计生...) are its window units: in the token, and for each case.
    unitName: async (_em, row) => row.desk ?? null,
    unitOf: async (ctx: { loaders: DirectoryLoaders }, username: string) => ((await ctx.loaders.staffByUsername.load(username)) as TownshipStaff | null)?.desk ?? null,
  }),
};

export type TownshipContext = LevelContext<ReturnType<typeof directoryLoaders>>;
