import { createServer } from './server.js';

// Everything else (secrets, the other levels' addresses, the database) createServer reads from the
// environment; a missing or bad setting stops the start with one line naming it.
const server = await createServer({ port: Number(process.env.TOWNSHIP_PORT ?? 4002), host: process.env.TOWNSHIP_HOST ?? '127.0.0.1' }).catch((e: Error) => {
  console.error(`township subgraph not started: ${e.message}`);
  process.exit(1);
});
console.log(`township subgraph at ${server.url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void server.stop().then(() => process.exit(0)));
