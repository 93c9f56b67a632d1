import { parseArgs } from 'node:util';
import { openConfiguredDatabases } from './databases.js';
import { DEMO_PASSWORD, seedCounty } from './seed-county.js';

const USAGE = 'usage: npm run seed -- --county <6-digit county code> [--demo-passwords]   (e.g. --county 140925 for 宁武县; --demo-passwords gives the demo staff the README\'s demo password)';

async function main() {
  let county: string | undefined;
  let demoPasswords: boolean | undefined;
  try {
    ({ values: { county, 'demo-passwords': demoPasswords } } = parseArgs({ options: { county: { type: 'string' }, 'demo-passwords': { type: 'boolean' } }, strict: true }));
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${USAGE}`);
  }
  if (!county) throw new Error(USAGE);
  const dbs = await openConfiguredDatabases();
  try {
    const report = await seedCounty(dbs, county, demoPasswords ? { demoPassword: DEMO_PASSWORD } : {});
    console.log(`${report.county.name} (${report.county.code}): ${report.changed === 0 ? 'already up to date, nothing changed' : `${report.changed} rows written`}`);
    for (const [table, s] of Object.entries(report.tables)) {
      console.log(`  ${table.padEnd(16)} inserted ${s.inserted}, updated ${s.updated}, unchanged ${s.unchanged}`);
    }
  } finally {
    await dbs.close();
  }
}

main().catch((e: Error) => {
  console.error(`seed: ${e.message}`);
  process.exit(1);
});
