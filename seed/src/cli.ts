import { parseArgs } from 'node:util';
import { openConfiguredDatabases } from './databases.js';
import { seedCounty } from './seed-county.js';

const USAGE = 'usage: npm run seed -- --county <6-digit county code>   (e.g. --county 140925 for 宁武县)';

async function main() {
  let county: string | undefined;
  try {
    ({ values: { county } } = parseArgs({ options: { county: { type: 'string' } }, strict: true }));
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${USAGE}`);
  }
  if (!county) throw new Error(USAGE);
  const dbs = await openConfiguredDatabases();
  try {
    const report = await seedCounty(dbs, county);
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
