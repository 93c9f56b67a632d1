import { subgraphUrlsFromEnv } from './config.js';
import { createGateway } from './server.js';

const gateway = await createGateway({
  subgraphUrls: subgraphUrlsFromEnv(),
  port: Number(process.env.GATEWAY_PORT ?? 4000),
  host: process.env.GATEWAY_HOST ?? '127.0.0.1',
});
console.log(`gateway at ${gateway.url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void gateway.stop().then(() => process.exit(0)));
