/**
 * Secrets shared by the gateway and the subgraphs. In production (NODE_ENV=production) both must be set
 * and long; a development default would let anyone who read this file mint tokens.
 */
export interface AuthConfig {
  /** Signs and verifies staff tokens (HS256). env SCF_AUTH_SECRET. */
  staffSecret: string;
  /** Signs the gateway's credential that subgraphs require on every request. env SCF_GATEWAY_SECRET. */
  gatewaySecret: string;
  /** How long a sign-in lasts: a working day by default. env SCF_TOKEN_TTL_MINUTES. */
  tokenTtlMinutes: number;
}

const DEV_STAFF_SECRET = 'dev-staff-token-secret-not-for-production';
const DEV_GATEWAY_SECRET = 'dev-gateway-secret-not-for-production';

export function authConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const production = env.NODE_ENV === 'production';
  const secret = (name: string, fallback: string) => {
    const value = env[name];
    if (value && value.length >= 32) return value;
    if (production) throw new Error(`${name} must be set to a random string of at least 32 characters in production (e.g. openssl rand -base64 48)`);
    if (value) throw new Error(`${name} is too short: use at least 32 characters`);
    return fallback;
  };
  const ttl = Number(env.SCF_TOKEN_TTL_MINUTES ?? 480);
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > 24 * 60) throw new Error('SCF_TOKEN_TTL_MINUTES must be a whole number of minutes between 1 and 1440');
  return { staffSecret: secret('SCF_AUTH_SECRET', DEV_STAFF_SECRET), gatewaySecret: secret('SCF_GATEWAY_SECRET', DEV_GATEWAY_SECRET), tokenTtlMinutes: ttl };
}

/** Header names between the gateway and the subgraphs. Clients cannot set them: the gateway strips and rewrites them. */
export const GATEWAY_CREDENTIAL_HEADER = 'x-scf-gateway';
export const CLIENT_IP_HEADER = 'x-scf-client-ip';
