import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Who sent a hand-over, proven: each sending party (a level) signs the exact body it sends with its own key,
 * derived from the shared secret, and names itself in `x-scf-handover-from`. The receiver recomputes the
 * signature with the named party's key, so a message cannot claim another sender than the one whose key
 * signed it, and changing one byte of it (case, hop, kind, target, payload) breaks the signature.
 */
export const HANDOVER_FROM_HEADER = 'x-scf-handover-from';
export const HANDOVER_SIGNATURE_HEADER = 'x-scf-handover-signature';

const DEV_SECRET = 'dev-handover-token';
const MIN_LENGTH = 32;

/**
 * The hand-over secret: env SCF_HANDOVER_TOKEN. In production (NODE_ENV=production) it must be set, at
 * least 32 characters: the development default is public, and with it anyone who reaches a subgraph's
 * port could sign hand-overs. Throws, naming the variable, so the subgraph does not start.
 */
export function handoverSecretFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const value = env.SCF_HANDOVER_TOKEN;
  if (value && value.length >= MIN_LENGTH) return value;
  if (env.NODE_ENV === 'production') {
    throw new Error(`SCF_HANDOVER_TOKEN must be set to a random string of at least ${MIN_LENGTH} characters in production (e.g. openssl rand -base64 48), the same on all three subgraphs`);
  }
  if (value) throw new Error(`SCF_HANDOVER_TOKEN is too short: use at least ${MIN_LENGTH} characters`);
  return DEV_SECRET;
}

/** One party's signing key: HMAC-SHA256 of its name under the shared secret. */
export function handoverKey(secret: string, party: string): Buffer {
  return createHmac('sha256', secret).update(`scf-handover-key\n${party}`).digest();
}

/** The signature of `body` sent by `from`: the sender's name is part of what is signed as well as of the key. */
export function signHandover(secret: string, from: string, body: string): string {
  return createHmac('sha256', handoverKey(secret, from)).update(`${from}\n${body}`).digest('base64url');
}

export function verifyHandover(secret: string, from: unknown, body: string, signature: unknown): boolean {
  if (typeof from !== 'string' || !from || from.length > 64 || typeof signature !== 'string') return false;
  const expected = Buffer.from(signHandover(secret, from, body));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The headers a sender puts on `body`. */
export function handoverHeaders(secret: string, from: string, body: string): Record<string, string> {
  return { [HANDOVER_FROM_HEADER]: from, [HANDOVER_SIGNATURE_HEADER]: signHandover(secret, from, body) };
}
