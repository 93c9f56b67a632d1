import { describe, expect, it } from 'vitest';
import { optionalText, requiredText, requireFits, textLength } from '../src/text-limits';
import { caught } from './helpers';

describe('how long typed text may be', () => {
  it('counts characters as the database does: one for a character outside the BMP', () => {
    expect(textLength('𠀀𠀁李')).toBe(3);
    expect(requireFits('𠀀'.repeat(64), 'name', 64)).toHaveLength(128);
  });

  it('refuses one character more than the limit, naming the field and the limit in Chinese first', () => {
    const e = caught(() => requireFits('长'.repeat(501), 'note', 500));
    expect(e).toMatchObject({ code: 'INVALID_INPUT', field: 'note', details: { maxLength: 500, length: 501 } });
    expect(e.message).toBe('note: 最多 500 个字符，现为 501 个 / at most 500 characters, got 501');
  });

  it('takes blank or invisible optional text as none, and refuses it where text is required', () => {
    expect(optionalText('  \u200B\uFEFF ', 'note', 10)).toBeNull();
    expect(optionalText(' 材料齐全 ', 'note', 10)).toBe('材料齐全');
    expect(caught(() => requiredText('\u2060', 'reason', 10))).toMatchObject({ field: 'reason', message: expect.stringMatching(/不能为空白/) });
  });
});
