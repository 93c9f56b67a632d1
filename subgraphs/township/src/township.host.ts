import { invalid, LEVEL_SPECS } from '@scf/domain';
import { childPointResolvers, staffTypeDefs, directoryLoaders, mergeResolvers, pointDirectory, staffDirectory, staffTypeResolvers, type LevelContext, type LevelHost, type PointTable, type StaffTable } from '@scf/kit';
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
  points: pointDirectory(LEVEL_SPECS.TOWNSHIP, points),
  staff: staffDirectory(staff, {
    async create(em, input, passwordHash) {
      const desk = input.desk?.trim() || null;
      if (desk && desk.length > 64) invalid('desk', `must be at most 64 characters, got ${desk.length}`);
      const row = em.create(TownshipStaff, {
        townshipCode: input.pointCode, username: input.username, name: input.name, role: input.role, post: input.post ?? null,
        desk, phone: input.phone ?? null, active: true, passwordHash, passwordSetAt: new Date(), createdAt: new Date(), updatedAt: new Date(),
      });
      await em.flush();
      return row;
    },
  }),
};

export type TownshipContext = LevelContext<ReturnType<typeof directoryLoaders>>;
