import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFUSALS, startsInChinese } from '@scf/domain';

/**
 * A source scan, because refusals are thrown from a few hundred places and a zh-CN screen shows what they
 * say: every message written where a refusal is thrown starts in Chinese, and every code thrown is one the
 * clients have a Chinese sentence for (REFUSALS in @scf/domain).
 */
const root = join(import.meta.dirname, '..');
const SOURCE_DIRS = ['packages', 'federation', 'subgraphs', 'gateway'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'test' || name === 'dist') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}
const files = SOURCE_DIRS.flatMap((d) => sourceFiles(join(root, d)));

/** Calls that refuse with a message, and which argument (0-based) holds it. */
const REFUSING_CALLS: [RegExp, number][] = [
  [/\binvalid\(/g, 1],
  [/\bnew DomainError\(/g, 1],
  [/\bmisfit\(/g, 1],
  [/\bnew (?:HandoverRefusal|ForbiddenError|ConflictError|UnauthenticatedError|RateLimitedError|InvalidInputError|GraphQLError)\(/g, 0],
  [/\b(?:badInput|notFound|forbidden|refuse)\(/g, 0],
  [/\berror: /g, 0],
  [/\bsendError\(/g, 3],
];

/** The argument at `index` of the call whose `(` ends at `from`, when it is a string literal: its opening. */
function literalArgument(src: string, from: number, index: number): string | undefined {
  let depth = 0;
  let arg = 0;
  let i = from;
  for (; i < src.length && arg < index; i++) {
    const c = src[i]!;
    if (c === "'" || c === '"' || c === '`') {
      const end = src.indexOf(c, i + 1);
      i = end;
    } else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) {
      if (depth === 0) return undefined;
      depth--;
    } else if (c === ',' && depth === 0) arg++;
  }
  const rest = src.slice(i).trimStart();
  const m = /^(['"`])([\s\S]{0,80})/.exec(rest);
  return m ? m[2] : undefined;
}

describe('what a refusal says', () => {
  it('starts in Chinese wherever it is thrown, so a zh-CN screen never shows English first', () => {
    const english: string[] = [];
    for (const file of files) {
      const src = readFileSync(file, 'utf8');
      for (const [pattern, index] of REFUSING_CALLS) {
        for (const m of src.matchAll(pattern)) {
          const opening = literalArgument(src, m.index + m[0].length, index);
          if (opening === undefined || startsInChinese(opening)) continue;
          // A message opening with a value (`${caseNo} …`): what follows the value must not be English.
          if (opening.startsWith('${') && !/^(\$\{[^}]*\}[\s\d:：,，.-]*)+[A-Za-z]/.test(opening)) continue;
          const line = src.slice(0, m.index).split('\n').length;
          english.push(`${relative(root, file)}:${line}: ${m[0]}${opening}`);
        }
      }
    }
    expect(english).toEqual([]);
  });

  it('uses only codes the clients have a Chinese sentence for', () => {
    const unknown = new Set<string>();
    const codePatterns = [/\bcode: '([A-Z][A-Z_]+)'/g, /\bDomainError\('([A-Z][A-Z_]+)'/g, /\bsuper\('([A-Z][A-Z_]+)'/g, /\bmisfit\('([A-Z][A-Z_]+)'/g];
    for (const file of files) {
      const src = readFileSync(file, 'utf8');
      for (const p of codePatterns) for (const m of src.matchAll(p)) if (!(m[1]! in REFUSALS) && !/^(ER_|E[A-Z]+$)/.test(m[1]!)) unknown.add(`${m[1]} (${relative(root, file)})`);
    }
    expect([...unknown]).toEqual([]);
  });

  it('has a Chinese sentence for every code', () => {
    for (const [code, sentence] of Object.entries(REFUSALS)) expect(startsInChinese(sentence), code).toBe(true);
  });
});
