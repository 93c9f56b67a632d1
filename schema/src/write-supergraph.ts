import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compose } from './compose.js';

// Writes schema/supergraph.graphql. Refuses to write anything when composition has an error or hint:
// a hint today is a broken query plan tomorrow.
const { supergraphSdl, errors, hints } = compose();
for (const e of errors) console.error(`error: ${e}`);
for (const h of hints) console.error(`hint: ${h}`);
if (!supergraphSdl || errors.length || hints.length) process.exit(1);
const target = fileURLToPath(new URL('../supergraph.graphql', import.meta.url));
writeFileSync(target, supergraphSdl);
console.log(`wrote ${target}`);
