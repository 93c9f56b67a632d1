import type { EntityManager } from '@mikro-orm/knex';
import type { CaseEventRow, CaseRow } from './entities.js';

export function recordEvent(
  em: EntityManager,
  c: CaseRow,
  e: Omit<CaseEventRow, 'id' | 'caseId' | 'reason' | 'note' | 'materials'> & Partial<Pick<CaseEventRow, 'reason' | 'note' | 'materials'>>,
): void {
  em.create<CaseEventRow>('CaseEvent', { reason: null, note: null, materials: null, ...e, caseId: c.id } as CaseEventRow);
}

/** Supplement lists are stored one material per line, "name|problem", so no JSON column is needed. */
export function encodeMaterials(list: { name: string; problem?: string }[]): string {
  return list.map((m) => `${m.name.replace(/[|\n]/g, ' ')}|${(m.problem ?? '').replace(/[|\n]/g, ' ')}`).join('\n');
}

export function decodeMaterials(text: string | null): { name: string; problem: string | null }[] {
  if (!text) return [];
  return text.split('\n').map((line) => {
    const [name, problem] = line.split('|');
    return { name: name ?? '', problem: problem ? problem : null };
  });
}
