/**
 * The state of the link to the server, from what the server last did. `navigator.onLine` only says the
 * machine has a network card up: a village room behind a dead uplink reads "online" all day. Here the link is
 * up when the gateway answered recently, down when the last try got no answer, and unsure in between.
 */
export type LinkState = 'up' | 'unsure' | 'down';

/** An answer older than this no longer vouches for the link. */
export const FRESH_MS = 60_000;

let lastAnswerAt: number | null = null;
let lastFailureAt: number | null = null;
const listeners = new Set<() => void>();

function changed(): void {
  for (const l of listeners) l();
}

/** The gateway answered (any HTTP status: a refusal still proves the link). */
export function answered(at = Date.now()): void {
  lastAnswerAt = at;
  lastFailureAt = null;
  changed();
}

/** A request got no answer at all. */
export function lost(at = Date.now()): void {
  lastFailureAt = at;
  changed();
}

export function state(now = Date.now()): LinkState {
  if (!navigator.onLine) return 'down';
  if (lastFailureAt !== null && (lastAnswerAt === null || lastFailureAt >= lastAnswerAt)) return 'down';
  if (lastAnswerAt !== null && now - lastAnswerAt <= FRESH_MS) return 'up';
  return 'unsure';
}

export function lastAnswer(): Date | null {
  return lastAnswerAt === null ? null : new Date(lastAnswerAt);
}

export function onLinkChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

const hhmmss = (d: Date) => d.toLocaleTimeString('zh-CN', { hour12: false });

/** The words for the bar: what the clerk can rely on now. */
export function describe(now = Date.now()): { state: LinkState; text: string } {
  const s = state(now);
  const last = lastAnswer();
  const since = last ? `，服务器最近应答 ${hhmmss(last)}` : '';
  if (s === 'up') return { state: s, text: `在线${since}` };
  if (s === 'down') return { state: s, text: `离线：登记和上报将暂存，联网后自动发送${since}` };
  return { state: s, text: last ? `连接未确认${since}` : '正在连接服务器…' };
}

let watching = false;

/**
 * Asks the gateway's /health now and then when nothing else has been heard from it, so the bar tells the
 * truth on a quiet afternoon too. The answer's body does not matter: any answer proves the link.
 */
export function watchLink(everyMs = 30_000): void {
  if (watching) return;
  watching = true;
  const ping = async () => {
    if (lastAnswerAt !== null && Date.now() - lastAnswerAt < everyMs && lastFailureAt === null) return changed();
    try {
      await fetch('/health', { cache: 'no-store', signal: AbortSignal.timeout(10_000) });
      answered();
    } catch {
      lost();
    }
  };
  window.addEventListener('online', () => void ping());
  window.addEventListener('offline', () => lost());
  setInterval(() => void ping(), everyMs);
  void ping();
}
