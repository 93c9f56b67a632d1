import { pinyin } from 'pinyin-pro';

const cache = new Map<string, string>();

/**
 * The pinyin initials of an item's name (结婚登记 → JHDJ), so a clerk finds it by typing jhdj. Worked out on
 * the server: the dictionary (1 MB) never travels to a village room's browser. Letters and digits in the
 * name are kept; other characters are dropped.
 */
export function nameInitials(name: string): string {
  let v = cache.get(name);
  if (v === undefined) {
    v = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
      .join('')
      .replace(/[^A-Za-z0-9]/g, '')
      .toUpperCase();
    if (cache.size > 5000) cache.clear();
    cache.set(name, v);
  }
  return v;
}
