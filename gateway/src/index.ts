export { createGateway, type GatewayConfig, type GatewayContext, type RunningGateway } from './server.js';
export { subgraphUrlsFromEnv, productionFromEnv, trustProxyFromEnv, introspectionFromEnv, type SubgraphUrls } from './config.js';
export { DEFAULT_SIGN_IN_LIMITS, WRONG_CREDENTIALS, type SignInLimits } from './auth.js';
export { QUERY_LIMITS } from './limits.js';
