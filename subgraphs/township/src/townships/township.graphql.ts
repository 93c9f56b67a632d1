import { LEVEL_SPECS } from '@scf/domain';
import { childPointTypeDefs } from '@scf/kit';

export const townshipTypeDefs = childPointTypeDefs(LEVEL_SPECS.TOWNSHIP, 'COUNTY', {
  example: '140925100',
  description: 'A township or street (乡镇/街道) and its service centre (便民服务中心).',
  ownFields: 'centreName: String!',
});
