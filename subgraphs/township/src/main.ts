import { createServer } from './server.js';

const server = await createServer({ port: Number(process.env.TOWNSHIP_PORT ?? 4002), host: process.env.TOWNSHIP_HOST ?? '127.0.0.1' });
console.log(`township subgraph at ${server.url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void server.stop().then(() => process.exit(0)));
