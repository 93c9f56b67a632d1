import { databaseUrlFor } from '@scf/kit';
import { openCountyDatabase } from '@scf/county';
import { openTownshipDatabase } from '@scf/township';
import { openVillageDatabase } from '@scf/village';
import type { Databases } from './seed-county.js';

/** Opens and migrates the three level databases as configured (see README "Configuration"). */
export async function openConfiguredDatabases(env: NodeJS.ProcessEnv = process.env): Promise<Databases & { close(): Promise<void> }> {
  const county = (await openCountyDatabase(databaseUrlFor('COUNTY', env))).orm;
  const township = (await openTownshipDatabase(databaseUrlFor('TOWNSHIP', env))).orm;
  const village = (await openVillageDatabase(databaseUrlFor('VILLAGE', env))).orm;
  return {
    county, township, village,
    async close() {
      await Promise.all([county.close(), township.close(), village.close()]);
    },
  };
}
