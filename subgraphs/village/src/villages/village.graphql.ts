import { LEVEL_SPECS } from '@scf/domain';
import { childPointTypeDefs } from '@scf/kit';

export const villageTypeDefs = childPointTypeDefs(LEVEL_SPECS.VILLAGE, 'TOWNSHIP', {
  example: '140925100201',
  description: "A village or residents' community (村/社区) and its service room (便民服务室).",
  ownFields: 'roomName: String!',
});
