import { createServer } from './server.js';

const server = await createServer({ port: Number(process.env.COUNTY_PORT ?? 4001), host: process.env.COUNTY_HOST ?? '127.0.0.1' });
console.log(`county subgraph at ${server.url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void server.stop().then(() => process.exit(0)));
