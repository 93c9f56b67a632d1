// `npm start`: the whole federation in one process on the embedded databases (or MySQL when configured),
// with the demo county loaded on first start. Production runs each service on its own (see README).
process.env.APOLLO_TELEMETRY_DISABLED = '1';

import { databaseUrlFor } from '@scf/kit';
import { startFederation } from '@scf/federation';
import { DEMO_PASSWORD, seedCounty } from '@scf/seed';
import { County } from '@scf/county';
import { buildWeb } from '@scf/web';

const demoCounty = process.env.SCF_DEMO_COUNTY ?? '140925';
// The web clients are built at each start (esbuild takes well under a second), so what is served is what is checked out.
const webRoot = await buildWeb();
const fed = await startFederation({
  webRoot,
  databaseUrls: { COUNTY: databaseUrlFor('COUNTY'), TOWNSHIP: databaseUrlFor('TOWNSHIP'), VILLAGE: databaseUrlFor('VILLAGE') },
  ports: {
    gateway: Number(process.env.GATEWAY_PORT ?? 4000),
    county: Number(process.env.COUNTY_PORT ?? 4001),
    township: Number(process.env.TOWNSHIP_PORT ?? 4002),
    village: Number(process.env.VILLAGE_PORT ?? 4003),
  },
  host: process.env.SCF_HOST ?? '127.0.0.1',
});

if (process.env.SCF_SEED_DEMO !== '0' && (await fed.county.orm.em.fork().count(County, {})) === 0) {
  const report = await seedCounty({ county: fed.county.orm, township: fed.township.orm, village: fed.village.orm }, demoCounty, { demoPassword: DEMO_PASSWORD });
  console.log(`loaded the demo county ${report.county.name} (${report.county.code}): ${report.changed} rows`);
  console.log(`demo accounts (password ${DEMO_PASSWORD}): ${demoCounty}.director, ${demoCounty}.supervisor, ${demoCounty}.w01.a, ${demoCounty}100.director, ${demoCounty}100.d1.a, ${demoCounty}100207.a — see README "Signing in, roles and personal data"`);
}
// Townships and villages pull the county's catalogue every 30 s; pull now so a fresh start serves it at once.
await fed.syncCatalogues().catch((e: Error) => console.warn(`catalogue replication: ${e.message} (retrying in the background)`));
console.log(`window app at http://localhost:${fed.gateway.port}/ (dashboard: /dashboard.html, public tracking: /track.html)`);
console.log(`gateway at ${fed.gateway.url}  (subgraphs: ${fed.county.url}, ${fed.township.url}, ${fed.village.url})`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void fed.stop().then(() => process.exit(0)));
