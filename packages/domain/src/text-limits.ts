import { invalid } from './errors';
import { isBlank } from './plain-text';

/**
 * How long the texts people type may be. Each is at most the column that keeps it (a TEXT column holds
 * 65,535 bytes on MySQL, 16,383 four-byte characters), and short enough to print on a notice; a case's
 * texts also travel between levels inside one hand-over message, so their sum must fit one column too.
 */
export const TEXT_LIMITS = {
  /** A clerk's note on an action or a forward. */
  note: 500,
  /** Why a case is not accepted, refused, returned or withdrawn. */
  reason: 1000,
  /** The review and litigation notice printed with a refusal (R11). */
  rightsNotice: 2000,
  /** A missing material's name (as in the item's checklist) and what is wrong with it. */
  materialName: 128,
  materialProblem: 200,
  /** Materials one supplement request may list (R9: one notification lists everything). */
  missingMaterials: 50,
  /** The longest string any input may carry at all (an item's legal basis or procedure). */
  anyInput: 4000,
} as const;

/** Characters as a database counts them: code points, so a rare character outside the BMP counts once. */
export function textLength(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

/** Refuses `value` when it is longer than `max` characters: BAD_USER_INPUT naming the field and the limit. */
export function requireFits(value: string, field: string, max: number): string {
  const length = textLength(value);
  if (length > max) invalid(field, `最多 ${max} 个字符，现为 ${length} 个 / at most ${max} characters, got ${length}`, { maxLength: max, length });
  return value;
}

/**
 * Optional free text: null when absent or blank (including text of invisible characters only), else the
 * trimmed text, refused when it is longer than `max`.
 */
export function optionalText(value: unknown, field: string, max: number): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') return invalid(field, `须填写文本，收到的是 ${typeof value} 类型 / must be text, got ${typeof value}`);
  if (isBlank(value)) return null;
  return requireFits(value.trim(), field, max);
}

/** Required free text: refused as blank when it shows nothing, and when it is longer than `max`. */
export function requiredText(value: unknown, field: string, max: number, blankProblem = '必须填写，不能为空白 / is required and must not be blank'): string {
  const text = optionalText(value, field, max);
  if (text === null) return invalid(field, blankProblem);
  return text;
}
