/**
 * Every text a user types — names, notes, reasons, complaint content — is plain text. The database is only
 * ever reached with bound parameters and notices escape what they print, so markup or SQL could do no
 * harm there; but such text has no business in a government record, it would travel on to other systems
 * (exports, SMS, the provincial platform) that may be less careful, and refusing it tells a probing
 * caller plainly that it is not accepted.
 */

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
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
  if (CONTROL.test(value)) return 'contains control characters; enter plain text';
  if (MARKUP.some((p) => p.test(value))) return 'looks like HTML or script markup; enter plain text (no < > tags)';
  if (SQL.some((p) => p.test(value))) return 'looks like an SQL statement; enter plain text';
  return null;
}
