export { seedCounty, DEMO_PASSWORD, type Databases, type SeedOptions, type SeedReport } from './seed-county.js';
export { readCountyDivisions, villageRoomName, type CountyDivisions } from './divisions.js';
export { openConfiguredDatabases } from './databases.js';
export { demoCatalogue } from './catalogue.js';
