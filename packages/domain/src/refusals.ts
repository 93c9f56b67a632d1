/**
 * Every code a client can be refused with, and the Chinese sentence a screen shows for it. The server
 * puts a Chinese-first message next to the code; the web clients build their sentence from the code and
 * its `extensions` fields (the message is a fallback), so a refusal reads in Chinese even when a message
 * is missing or comes from another component. Codes are public contract: add, never rename.
 *
 * Kept free of other imports: the web bundles import this file directly.
 */
export const REFUSALS = {
  BAD_USER_INPUT: '输入有误，请按提示修改后再提交',
  INVALID_INPUT: '输入有误，请按提示修改后再提交',
  TRANSITION_NOT_ALLOWED: '办件当前的状态不能进行此操作',
  CONFLICT: '此办件已被他人更新，请重新载入后再操作',
  CASE_WITHDRAWN: '申请人已撤回此办件，不能再办理',
  FORBIDDEN: '您的账号无权进行此操作',
  UNAUTHENTICATED: '登录已失效或尚未登录，请重新登录',
  TOO_MANY_ATTEMPTS: '登录失败次数过多，请稍后再试',
  DEMO_PASSWORD_REFUSED: '演示密码已公开，不能用于正式环境，请改用其他密码',
  RATE_LIMITED: '请求过于频繁，请稍后再试',
  NOT_FOUND: '未找到所查的记录',
  NOTICE_NOT_AVAILABLE: '此办件现在还不能出具这份文书',
  INCOMPLETE: '材料尚未齐全',
  DAILY_LIMIT: '今日次数已用完，请明天再试',
  ITEM_OF_ANOTHER_COUNTY: '此事项属于其他县（市、区），本地不能办理',
  HANDOVER_REFUSED: '接收方拒收此移交',
  HANDOVER_UNAUTHENTICATED: '移交消息未签名或签名不符，不予接收',
  HANDOVER_WRONG_SENDER: '移交消息的发送方无权发送此移交',
  HANDOVER_WRONG_TARGET: '移交消息发错了接收方',
  HANDOVER_WRONG_HOP: '移交消息不是办件流转的下一站',
  HANDOVER_WRONG_STATE: '办件当前的状态不接受此移交',
  HANDOVER_MALFORMED: '移交消息格式不正确',
  HANDOVER_NOT_FAILED: '这条移交没有失败，无需重发',
  GRAPHQL_VALIDATION_FAILED: '查询不合规定（字段不存在，或查询过大、过深），请联系系统管理员',
  GRAPHQL_PARSE_FAILED: '查询语句无法解析，请联系系统管理员',
  BAD_REQUEST: '请求格式不正确',
  PAYLOAD_TOO_LARGE: '提交的内容过大',
  METHOD_NOT_ALLOWED: '不支持此请求方式',
  UNSUPPORTED_MEDIA_TYPE: '不支持此请求格式',
  OPERATION_RESOLUTION_FAILURE: '请求中的操作名不对，请联系系统管理员',
  OPERATION_NOT_SUPPORTED: '不支持此类操作',
  SERVICE_UNAVAILABLE: '服务暂时不可用，请稍后再试',
  DOWNSTREAM_SERVICE_ERROR: '某一级的服务暂时不可用，部分数据未能取得，请稍后再试',
  INTERNAL_SERVER_ERROR: '服务器内部错误，请稍后再试；如一再出现，请把错误编号告诉管理员',
} as const satisfies Record<string, string>;

export type RefusalCode = keyof typeof REFUSALS;

export const isRefusalCode = (code: unknown): code is RefusalCode => typeof code === 'string' && Object.hasOwn(REFUSALS, code);

/** A bad-input message names its field first (`applicant.idNumber: …`); what follows is what it says. */
export const withoutFieldPath = (message: string): string => message.replace(/^[\w.[\]]+: /, '');

/**
 * True when a message already starts in Chinese (a CJK character or Chinese punctuation), after the field
 * path a bad-input message begins with.
 */
export const startsInChinese = (message: string): boolean => /^[\s\p{P}\d]*[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/u.test(withoutFieldPath(message));

/** The Chinese half of a bilingual message ("中文 / English"), without its field path; undefined when it has none. */
export function chinesePart(message: string): string | undefined {
  const m = withoutFieldPath(message);
  if (!startsInChinese(m)) return undefined;
  const i = m.indexOf(' / ');
  return i > 0 ? m.slice(0, i) : m;
}

/** The field path InvalidInputError writes in front of its problem (`applicant.idNumber: `); screens show the field's name there. */
const FIELD_PATH = /^[\w$.[\]-]+: /;

/**
 * The message a refusal carries to a client: the thrower's own if it begins in Chinese (after the field
 * path of a bad input), else the code's sentence in front of it, so the API is Chinese-first for every
 * client, ours or not.
 */
export function chineseFirst(code: string, message: string): string {
  if (startsInChinese(message) || startsInChinese(message.replace(FIELD_PATH, ''))) return message;
  const sentence = isRefusalCode(code) ? REFUSALS[code] : '操作未能完成';
  return message ? `${sentence} / ${message}` : sentence;
}
