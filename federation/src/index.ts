export { startFederation, type FederationConfig, type RunningFederation } from './federation.js';
