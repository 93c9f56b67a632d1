import { defineModule } from '@scf/kit';
import { complaintEntities } from './complaint.entity.js';
import { complaintTypeDefs } from './complaint.graphql.js';
import { complaintLoaders } from './complaint.loaders.js';
import { complaintsMigration } from './complaint.migration.js';
import { complaintResolvers } from './complaint.resolvers.js';

/** Complaints (投诉, R23): filed, answered within their working-day deadlines, closed, verified ones costing points. */
export const complaintsModule = defineModule({
  name: 'complaints',
  typeDefs: () => complaintTypeDefs,
  resolvers: () => complaintResolvers,
  entities: () => complaintEntities,
  migrations: () => [{ id: '0001-complaints', replaces: ['0008-complaints'], create: complaintsMigration }],
  start: () => ({ context: (em) => ({ loaders: complaintLoaders(em) }) }),
});
