export { createGateway, type GatewayConfig, type RunningGateway } from './server.js';
export { subgraphUrlsFromEnv, type SubgraphUrls } from './config.js';
