/**
 * The one way every page talks to the gateway (same origin): GraphQL over POST with the signed-in token,
 * sign-in and sign-out. Errors come back as GraphQL errors with a code; `ApiError` carries the first.
 */
import * as link from './link.js';

const TOKEN_KEY = 'scf.session';

export interface Staff {
  username: string;
  name: string;
  level: 'COUNTY' | 'TOWNSHIP' | 'VILLAGE';
  pointCode: string;
  countyCode: string;
  roles: string[];
  unit: string | null;
}

export interface Session {
  token: string;
  expiresAt: string;
  staff: Staff;
}

export class ApiError extends Error {
  constructor(
    message: string,
    public code: string,
    public field?: string,
    public status?: number,
    /** The error's other details: CONFLICT's currentVersion / currentStatus, RATE_LIMITED's retryAfterSeconds … */
    public extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }

  /** Seconds to wait before trying again (429 sign-in refusals, RATE_LIMITED lookups), when the server said. */
  get retryAfterSeconds(): number | undefined {
    const s = Number(this.extensions.retryAfterSeconds);
    return Number.isFinite(s) && s > 0 ? s : undefined;
  }
}

/** True when the request never reached the gateway (the link is down): the caller may queue it. */
export class OfflineError extends Error {}

export function session(): Session | null {
  try {
    const s = JSON.parse(localStorage.getItem(TOKEN_KEY) ?? 'null') as Session | null;
    return s && new Date(s.expiresAt).getTime() > Date.now() ? s : null;
  } catch {
    return null;
  }
}

export async function signIn(username: string, password: string): Promise<Session> {
  let res: Response;
  try {
    res = await fetch('/auth/sign-in', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  } catch {
    link.lost();
    throw new OfflineError('网络连接中断 / the link is down');
  }
  link.answered();
  const body = (await res.json().catch(() => ({}))) as Session & { error?: string; code?: string; retryAfterSeconds?: number };
  if (!res.ok) {
    const retry = body.retryAfterSeconds ?? Number(res.headers.get('retry-after') ?? NaN);
    throw new ApiError(body.error ?? `HTTP ${res.status}`, body.code ?? 'UNAUTHENTICATED', undefined, res.status, Number.isFinite(retry) ? { retryAfterSeconds: retry } : {});
  }
  localStorage.setItem(TOKEN_KEY, JSON.stringify({ token: body.token, expiresAt: body.expiresAt, staff: body.staff }));
  return body;
}

export function signOut(): void {
  localStorage.removeItem(TOKEN_KEY);
}

export async function gql<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const s = session();
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(s ? { authorization: `Bearer ${s.token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    link.lost();
    throw new OfflineError('网络连接中断 / the link is down');
  }
  link.answered();
  const body = (await res.json().catch(() => ({}))) as { data?: T; errors?: { message: string; extensions?: { code?: string; field?: string; [k: string]: unknown } }[] };
  if (body.errors?.length) {
    const e = body.errors[0]!;
    if (e.extensions?.code === 'UNAUTHENTICATED') signOut();
    throw new ApiError(e.message, e.extensions?.code ?? 'ERROR', e.extensions?.field, res.status, e.extensions ?? {});
  }
  if (!res.ok || !body.data) throw new ApiError(`HTTP ${res.status}`, 'ERROR', undefined, res.status);
  return body.data;
}
