import { invalid, LEVEL_SPECS } from '@scf/domain';
import { childPointResolvers, staffTypeDefs, directoryLoaders, mergeResolvers, pointDirectory, staffDirectory, staffTypeResolvers, type LevelContext, type LevelHost, type PointTable, type StaffTable } from '@scf/kit';
import { pointsStaffMigration } from './migrations/0001-service-points-staff.js';
import { VillageStaff, VillageStaffEntity } from './staff/staff.entity.js';
import { VillageEntity } from './villages/village.entity.js';
import { villageTypeDefs } from './villages/village.graphql.js';

const rooms: PointTable & { parentField: string } = { entity: 'Village', parentField: 'townshipCode', centreNameField: 'roomName' };
const clerks: StaffTable = { entity: 'VillageStaff', pointField: 'villageCode' };

/** The village level's own: its service rooms and their clerks (代办员), as every module it mounts sees them. */
export const villageHost: LevelHost = {
  spec: LEVEL_SPECS.VILLAGE,
  typeDefs: [villageTypeDefs, staffTypeDefs(LEVEL_SPECS.VILLAGE)].join('\n'),
  resolvers: mergeResolvers(childPointResolvers(LEVEL_SPECS.VILLAGE, 'TOWNSHIP', rooms), staffTypeResolvers(LEVEL_SPECS.VILLAGE, clerks)),
  entities: () => [VillageEntity, VillageStaffEntity],
  migrations: [{ id: '0001-service-points-staff', replaces: ['0001-service-points-staff'], create: pointsStaffMigration }],
  loaders: (em) => directoryLoaders(em, rooms, clerks),
  // A village room is one counter (代办), held by its clerks.
  points: pointDirectory(LEVEL_SPECS.VILLAGE, rooms, async (em, code) => {
    const clerksHere = await em.find(VillageStaff, { villageCode: code, active: true }, { orderBy: { id: 'asc' } });
    return [{ id: 'room', name: '代办', unit: null, holders: clerksHere.map((s) => ({ username: s.username, name: s.name, post: s.post })) }];
  }),
  staff: staffDirectory(clerks, {
    async create(em, input, passwordHash) {
      // A village room is staffed by 代办员; its director and supervisors are the township's.
      if (input.role !== 'CLERK') invalid('role', '村便民服务室只设代办员，角色须为代办员（CLERK） / village rooms have clerks (代办员) only');
      const row = em.create(VillageStaff, {
        villageCode: input.pointCode, username: input.username, name: input.name, role: input.role, post: input.post ?? null,
        phone: input.phone ?? null, active: true, passwordHash, passwordSetAt: new Date(), createdAt: new Date(), updatedAt: new Date(),
      });
      await em.flush();
      return row;
    },
  }),
};

export type VillageContext = LevelContext<ReturnType<typeof directoryLoaders>>;
