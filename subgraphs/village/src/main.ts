import { createServer } from './server.js';

const server = await createServer({ port: Number(process.env.VILLAGE_PORT ?? 4003), host: process.env.VILLAGE_HOST ?? '127.0.0.1' });
console.log(`village subgraph at ${server.url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void server.stop().then(() => process.exit(0)));
