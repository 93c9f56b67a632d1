import { createServer } from './server.js';

// Everything else (secrets, the other levels' addresses, the database) createServer reads from the
// environment; a missing or bad setting stops the start with one line naming it.
const server = await createServer({ port: Number(process.env.VILLAGE_PORT ?? 4003), host: process.env.VILLAGE_HOST ?? '127.0.0.1' }).catch((e: Error) => {
  console.error(`village subgraph not started: ${e.message}`);
  process.exit(1);
});
console.log(`village subgraph at ${server.url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void server.stop().then(() => process.exit(0)));
