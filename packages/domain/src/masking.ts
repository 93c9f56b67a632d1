/**
 * Masks for showing personal data on screens and lists that do not need it in full
 * (dashboards, queue displays, logs). They never validate: a malformed value is still masked.
 */

function stars(count: number): string {
  return '*'.repeat(Math.max(0, count));
}

/** `140925199001011234` → `140925********1234`: region and last four stay, the birth date goes. */
export function maskResidentId(id: string): string {
  const value = id.trim();
  if (value.length <= 10) return stars(value.length);
  return value.slice(0, 6) + stars(value.length - 10) + value.slice(-4);
}

/** `13812345678` → `138****5678`; a landline keeps its area code and last four digits. */
export function maskPhone(phone: string): string {
  const value = phone.replace(/\s+/g, '');
  const dash = value.indexOf('-');
  if (dash > 0) {
    const area = value.slice(0, dash + 1);
    const rest = value.slice(dash + 1);
    return area + (rest.length <= 4 ? stars(rest.length) : stars(rest.length - 4) + rest.slice(-4));
  }
  if (value.length <= 7) return stars(value.length);
  return value.slice(0, 3) + stars(value.length - 7) + value.slice(-4);
}

/**
 * `张三丰` → `张**`. Works by code point so rare characters outside the BMP count as one,
 * and keeps the middle dot of transliterated names (`买买提·艾力` → `买**·**`).
 */
export function maskName(name: string): string {
  const [first = '', ...rest] = Array.from(name.trim());
  return first + rest.map((ch) => (ch === '·' || ch === '•' ? ch : '*')).join('');
}
