import { defineModule } from '@scf/kit';
import { calendarTypeDefs } from './calendar.graphql.js';
import { calendarLoaders } from './calendar.loaders.js';
import { calendarResolvers } from './calendar.resolvers.js';

/** The working-day calendar (R13): the State Council's days and the county's own overrides, read and set. */
export const calendarModule = defineModule({
  name: 'calendar',
  requires: ['catalogue'],
  typeDefs: () => calendarTypeDefs,
  resolvers: () => calendarResolvers,
  start: () => ({ context: (em) => ({ loaders: calendarLoaders(em) }) }),
});
