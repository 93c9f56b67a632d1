/**
 * The one place every page turns a refusal into the sentence a person reads: from its code and fields
 * (REFUSALS in @scf/domain, shared with the server), the server's own Chinese where it is more specific,
 * never English and never a bare code.
 */
import { chinesePart, isRefusalCode, REFUSALS } from '@scf/domain/src/refusals.js';
import { ACTION_LABELS, STATUS_LABELS } from '@scf/domain/src/lifecycle.js';
import { LEVEL_SPECS, isLevel } from '@scf/domain/src/levels.js';

export interface Refusal {
  code: string;
  message: string;
  extensions?: Record<string, unknown>;
}

const label = (table: Record<string, string>, v: unknown) => (typeof v === 'string' ? (table[v] ?? '') : '');
const seconds = (x: Record<string, unknown>) => {
  const s = Number(x.retryAfterSeconds);
  if (!Number.isFinite(s) || s <= 0) return '';
  return s > 120 ? `，约 ${Math.ceil(s / 60)} 分钟后可再试` : `，约 ${Math.ceil(s)} 秒后可再试`;
};

/** What went wrong, in Chinese, from what the server sent. */
export function refusalText({ code, message, extensions = {} }: Refusal): string {
  const own = chinesePart(message);
  const x = extensions;
  switch (code) {
    case 'CONFLICT': {
      const now = label(STATUS_LABELS, x.currentStatus);
      return `此办件已被他人更新${x.currentVersion ? `（现为第 ${String(x.currentVersion)} 版${now ? `，${now}` : ''}）` : ''}，请重新载入后再操作`;
    }
    case 'TRANSITION_NOT_ALLOWED': {
      const state = label(STATUS_LABELS, x.state);
      const action = label(ACTION_LABELS, x.action);
      const allowed = Array.isArray(x.allowed) ? x.allowed.map((a) => label(ACTION_LABELS, a)).filter(Boolean) : [];
      if (!state || !action) return own ?? REFUSALS.TRANSITION_NOT_ALLOWED;
      return `${state}的办件不能${action}；现在可以：${allowed.length ? allowed.join('、') : '无（办件已终结）'}`;
    }
    case 'RATE_LIMITED':
    case 'TOO_MANY_ATTEMPTS':
      return own ?? `${REFUSALS[code]}${seconds(x)}`;
    case 'SERVICE_UNAVAILABLE':
      return typeof x.level === 'string' && isLevel(x.level.toUpperCase())
        ? `暂时无法连接${LEVEL_SPECS[x.level.toUpperCase() as keyof typeof LEVEL_SPECS].word}级系统，请稍后再试`
        : (own ?? REFUSALS.SERVICE_UNAVAILABLE);
    case 'INTERNAL_SERVER_ERROR':
      return `服务器内部错误，请稍后再试${typeof x.errorId === 'string' ? `；如一再出现，请把错误编号 ${x.errorId} 告诉管理员` : ''}`;
    case 'GRAPHQL_VALIDATION_FAILED':
    case 'GRAPHQL_PARSE_FAILED':
      // The query is the page's, not the user's: its words (a field name) help nobody at the window.
      return REFUSALS[code];
    default:
      return own ?? (isRefusalCode(code) ? REFUSALS[code] : '操作未能完成，请稍后再试；如一再出现，请告诉管理员');
  }
}
