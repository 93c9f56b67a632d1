// Puts the bench databases back to the generated year: removes the cases earlier runs registered (every case
// registered at or after the year's "now" — the generator writes none) with everything they left at every
// level, and winds the day's case numbering back. Each run then measures the same year.
import type { Pool } from 'mysql2/promise';
import type { Level } from '@scf/kit';
import { LEVELS } from './year.js';

const BY_CASE_ID = ['case_event', 'case_material', 'supervision_record'];
const BY_CASE_NO = ['case_hop', 'inbound_case', 'outbox', 'inbox', 'personal_data_read'];

export async function removeBenchCases(pools: Record<Level, Pool>, now: Date): Promise<number> {
  const caseNos: string[] = [];
  for (const level of LEVELS) {
    const [rows] = await pools[level].query('select case_no from case_file where registered_at >= ?', [now.toISOString().replace('T', ' ').replace('Z', '')]);
    caseNos.push(...(rows as { case_no: string }[]).map((r) => r.case_no));
  }
  if (caseNos.length === 0) return 0;
  for (const level of LEVELS) {
    const c = await pools[level].getConnection();
    try {
      await c.beginTransaction();
      for (let i = 0; i < caseNos.length; i += 1000) {
        const chunk = caseNos.slice(i, i + 1000);
        for (const table of BY_CASE_ID) await c.query(`delete t from ${table} t join case_file c on c.id = t.case_id where c.case_no in (?)`, [chunk]);
        for (const table of BY_CASE_NO) await c.query(`delete from ${table} where case_no in (?)`, [chunk]);
        await c.query('delete from case_file where case_no in (?)', [chunk]);
      }
      // The numbering of each day those cases were taken in goes back to the last number still in use.
      const days = new Set(caseNos.map((no) => no.slice(0, no.lastIndexOf('-'))));
      for (const key of days) {
        const [point, day] = key.split('-') as [string, string];
        const [rows] = await c.query('select max(case_no) last from case_file where case_no like ?', [`${key}-%`]);
        const last = (rows as { last: string | null }[])[0]?.last;
        if (last) await c.query('update case_sequence set last_seq = ? where point_code = ? and day = ?', [Number(last.slice(-5)), point, day]);
        else await c.query('delete from case_sequence where point_code = ? and day = ?', [point, day]);
      }
      await c.commit();
    } catch (e) {
      await c.rollback();
      throw e;
    } finally {
      c.release();
    }
  }
  return caseNos.length;
}
