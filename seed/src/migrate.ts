import { openConfiguredDatabases } from './databases.js';

// Opening a level database applies its pending migrations; this command does only that.
const dbs = await openConfiguredDatabases();
console.log('county, township and village databases are migrated to the latest schema');
await dbs.close();
