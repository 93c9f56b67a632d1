export { createGateway, type GatewayConfig, type GatewayContext, type RunningGateway } from './server.js';
export { subgraphUrlsFromEnv, productionFromEnv, trustProxyFromEnv, introspectionFromEnv, queryBudgetsFromEnv, graphqlRateLimitsFromEnv, type SubgraphUrls } from './config.js';
export { DEFAULT_SIGN_IN_LIMITS, WRONG_CREDENTIALS, type SignInLimits } from './auth.js';
export { QUERY_LIMITS } from './limits.js';
export { DEFAULT_QUERY_BUDGETS, EXPENSIVE_FIELDS, type QueryBudgets } from './operations.js';
export { LIST_SIZES, DEFAULT_LIST_SIZE, operationCost } from './cost.js';
export { DEFAULT_GRAPHQL_RATE_LIMITS, type GraphqlRateLimits } from './rate-limit.js';
