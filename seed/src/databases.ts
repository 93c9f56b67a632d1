import { databaseUrlFor } from '@scf/kit';
import { county as countyLevel } from '@scf/county';
import { township as townshipLevel } from '@scf/township';
import { village as villageLevel } from '@scf/village';
import type { Databases } from './seed-county.js';

/** Opens and migrates the three level databases as configured (see README "Configuration"). */
export async function openConfiguredDatabases(env: NodeJS.ProcessEnv = process.env): Promise<Databases & { close(): Promise<void> }> {
  const county = (await countyLevel.openDatabase(databaseUrlFor('COUNTY', env))).orm;
  const township = (await townshipLevel.openDatabase(databaseUrlFor('TOWNSHIP', env))).orm;
  const village = (await villageLevel.openDatabase(databaseUrlFor('VILLAGE', env))).orm;
  return {
    county, township, village,
    async close() {
      await Promise.all([county.close(), township.close(), village.close()]);
    },
  };
}
