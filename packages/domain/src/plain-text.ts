/**
 * Every text a user types — names, notes, reasons, complaint content — is plain text. The database is only
 * ever reached with bound parameters and notices escape what they print, so markup or SQL could do no
 * harm there; but such text has no business in a government record, it would travel on to other systems
 * (exports, SMS, the provincial platform) that may be less careful, and refusing it tells a probing
 * caller plainly that it is not accepted.
 */

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/**
 * Bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069, the marks U+200E/U+200F/U+061C) make
 * text display in another order than it is stored: "‮gnp.exe" reads as an innocent name. No form needs them.
 */
const BIDI = /\p{Bidi_Control}/u;
/**
 * What shows nothing on screen: white space and the default-ignorable characters (zero-width space and
 * joiners U+200B–U+200D, word joiner and invisible operators U+2060–U+2064, U+FEFF, soft hyphen, Hangul
 * fillers…). JavaScript's trim() removes only the first kind, so "\u200B" would pass as a reason.
 */
const INVISIBLE_ONLY = /^[\s\p{Default_Ignorable_Code_Point}]*$/u;

/** True when `value` shows nothing: empty, white space, or only invisible characters. */
export function isBlank(value: string): boolean {
  return INVISIBLE_ONLY.test(value);
}
const MARKUP = [
  /<\s*\/?\s*[a-z!?][^>]*>?/i, // a tag, a comment or a doctype: <script, </b>, <!--
  /\bjavascript\s*:/i,
  /\bon[a-z]+\s*=\s*["'`]?/i, // onerror=, onclick=
  /&#x?[0-9a-f]+;?/i, // numeric character references smuggling the above
];
const SQL = [
  /['"`]\s*(or|and)\s+['"`]?[\w-]+['"`]?\s*(=|like)/i, // ' or '1'='1
  /['"`]\s*(or|and)\s+\d+\s*=\s*\d+/i, // ' or 1=1
  /;\s*(drop|delete|insert|update|alter|truncate|create|exec|execute|grant|select|shutdown)\b/i,
  /\bunion\b\s+(all\s+)?\bselect\b/i,
  /['"`]\s*(--|#|\/\*)/, // closing a string then commenting out the rest
  /\/\*.*\*\//s,
  /\b(sleep|benchmark|pg_sleep|load_file|xp_cmdshell)\s*\(/i,
  /\bwaitfor\s+delay\b/i,
];

/** Why `value` is not acceptable plain text, or null when it is. */
export function plainTextProblem(value: string): string | null {
  if (CONTROL.test(value)) return '含有控制字符，请输入纯文本 / contains control characters; enter plain text';
  if (BIDI.test(value)) return '含有不可见的文字方向控制字符，请输入纯文本 / contains invisible bidirectional control characters; enter plain text';
  // White space alone is left to each field's own rule (an optional note may be empty); invisible
  // characters alone are text that looks empty and is not, so they are refused everywhere.
  if (value.trim() !== '' && isBlank(value)) return '只含不可见字符，等于空白；请填写内容或留空 / holds only invisible characters, so it is blank; write the text or leave it empty';
  if (MARKUP.some((p) => p.test(value))) return '内容像是网页（HTML）或脚本标记，请输入纯文本，不要用 < > 标签 / looks like HTML or script markup; enter plain text (no < > tags)';
  if (SQL.some((p) => p.test(value))) return '内容像是数据库（SQL）语句，请改用普通文字 / looks like an SQL statement; enter plain text';
  return null;
}
