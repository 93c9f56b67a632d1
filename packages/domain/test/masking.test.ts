import { describe, expect, it } from 'vitest';
import { maskName, maskPhone, maskResidentId } from '../src/masking';

describe('masking personal data for display', () => {
  it('hides the birth date and sequence of a resident ID, keeping region and last four', () => {
    expect(maskResidentId('140925199001011234')).toBe('140925********1234');
    expect(maskResidentId('11010519491231002X')).toBe('110105********002X');
  });

  it('hides the middle four digits of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('keeps a landline area code and its last four digits', () => {
    expect(maskPhone('0350-4722345')).toBe('0350-***2345');
  });

  it('keeps only the first character of a name', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('李四')).toBe('李*');
  });

  it('counts rare characters outside the BMP as one and keeps the middle dot of transliterated names', () => {
    expect(maskName('𠮷野家')).toBe('𠮷**');
    expect(maskName('买买提·艾力')).toBe('买**·**');
  });

  it('masks short values entirely rather than revealing them', () => {
    expect(maskResidentId('12345')).toBe('*****');
    expect(maskPhone('12345')).toBe('*****');
  });
});
