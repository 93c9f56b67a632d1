import { invalid } from '@scf/domain';

/** The most a punch-machine export may hold in one import: a month of a big hall is far less. */
// A hall's month from its machine (some 12 000 rows of ~45 characters) in one file, under the 1 MB body the levels take.
export const CSV_MAX_CHARS = 800_000;
export const CSV_MAX_ROWS = 15_000;

export interface CsvPunch {
  line: number;
  username: string;
  at: Date;
}

export interface RowProblem {
  line: number;
  problem: string;
}

const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-](\d{2}):(\d{2}))$/;

/** An ISO 8601 timestamp that names its offset (2026-10-12T08:25:00+08:00); undefined if not one, or not a real time. */
export function parseTimestamp(value: string): Date | undefined {
  const m = ISO_WITH_OFFSET.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m;
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return undefined;
  if (m[9] !== undefined && (Number(m[9]) > 14 || Number(m[10]) > 59)) return undefined;
  const days = new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate();
  if (Number(d) > days) return undefined;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

/**
 * A punch machine's log (指纹机/人脸识别 export): a header line `username,timestamp`, then one punch a line.
 * Blank lines are skipped; every other line must be a username and an ISO timestamp with its offset. Returns
 * the rows and the problems, each naming its line (the header is line 1); the caller writes nothing unless
 * there are none. Too large a file is refused at once.
 */
export function parsePunchCsv(csv: string): { rows: CsvPunch[]; problems: RowProblem[] } {
  if (csv.length > CSV_MAX_CHARS) invalid('csv', `打卡记录文件过大（${csv.length} 个字符），一次最多导入 ${CSV_MAX_CHARS} 个字符，请分批导入 / the file is too large: at most ${CSV_MAX_CHARS} characters at a time`);
  const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').trim().toLowerCase().replace(/\s*,\s*/g, ',');
  if (header !== 'username,timestamp') invalid('csv', `第 1 行应为表头 username,timestamp / line 1 must be the header "username,timestamp"`, { rows: [{ line: 1, problem: '第 1 行应为表头 username,timestamp / the header must be "username,timestamp"' }] });
  const body = lines.slice(1).filter((l) => l.trim() !== '').length;
  if (body > CSV_MAX_ROWS) invalid('csv', `打卡记录过多（${body} 行），一次最多导入 ${CSV_MAX_ROWS} 行，请分批导入 / too many rows: at most ${CSV_MAX_ROWS} at a time`);
  const rows: CsvPunch[] = [];
  const problems: RowProblem[] = [];
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (i === 0 || raw.trim() === '') return;
    const cells = raw.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
    if (cells.length !== 2) return problems.push({ line, problem: `第 ${line} 行应有 2 项（用户名,时间），实有 ${cells.length} 项 / line ${line} must have 2 fields, has ${cells.length}` });
    const [username, timestamp] = cells as [string, string];
    if (!username) return problems.push({ line, problem: `第 ${line} 行缺用户名 / line ${line} has no username` });
    const at = parseTimestamp(timestamp);
    if (!at) return problems.push({ line, problem: `第 ${line} 行的时间 ${JSON.stringify(timestamp.slice(0, 40))} 不是带时区的 ISO 时间（如 2026-10-12T08:25:00+08:00） / line ${line}: not an ISO timestamp with an offset` });
    rows.push({ line, username, at });
  });
  return { rows, problems };
}
