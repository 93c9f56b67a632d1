/**
 * The three levels of service points, in one table (DOMAIN §1): the servers, the gateway and the web bundle
 * all read it from here. This file imports nothing, so the browser bundle can take it as it is.
 */
export type Level = 'COUNTY' | 'TOWNSHIP' | 'VILLAGE';

export interface LevelSpec {
  level: Level;
  /** Digits of a point code at this level (GB/T 2260 and the statistics division codes). */
  codeLength: 6 | 9 | 12;
  /** 0 for a village room, 1 for a township centre, 2 for the county centre: a case moves to greater depth. */
  depth: 0 | 1 | 2;
  /** The GraphQL type of a point: County, Township, Village. */
  type: 'County' | 'Township' | 'Village';
  /** The query field and subgraph name: county, township, village. */
  field: 'county' | 'township' | 'village';
  /** What an English message calls a point of this level. */
  label: string;
  /** The point's official name kind (县(区)政务服务中心 …). */
  pointKind: string;
  /** The short word staff say: 县, 乡镇, 村. */
  word: string;
  /** The default local port of its subgraph (npm start). */
  defaultPort: number;
}

export const LEVEL_SPECS: Readonly<Record<Level, LevelSpec>> = {
  COUNTY: { level: 'COUNTY', codeLength: 6, depth: 2, type: 'County', field: 'county', label: 'county centre', pointKind: '县(区)政务服务中心', word: '县', defaultPort: 4001 },
  TOWNSHIP: { level: 'TOWNSHIP', codeLength: 9, depth: 1, type: 'Township', field: 'township', label: 'township centre', pointKind: '乡镇(街道)便民服务中心', word: '乡镇', defaultPort: 4002 },
  VILLAGE: { level: 'VILLAGE', codeLength: 12, depth: 0, type: 'Village', field: 'village', label: 'village service room', pointKind: '村(社区)便民服务室', word: '村', defaultPort: 4003 },
};

/** Top down: county, township, village. */
export const LEVELS: readonly Level[] = ['COUNTY', 'TOWNSHIP', 'VILLAGE'];

const BY_LENGTH = new Map<number, Level>(LEVELS.map((l) => [LEVEL_SPECS[l].codeLength, l]));

/** The level of a point code (6, 9 or 12 digits), or undefined for anything else. */
export function levelOfPointCode(code: unknown): Level | undefined {
  return typeof code === 'string' && /^\d+$/.test(code) ? BY_LENGTH.get(code.length) : undefined;
}

export function isLevel(value: unknown): value is Level {
  return typeof value === 'string' && value in LEVEL_SPECS;
}

/** The level whose subgraph is called `field` (county, township, village). */
export function levelOfField(field: string): Level | undefined {
  return LEVELS.find((l) => LEVEL_SPECS[l].field === field);
}

/** The code of the point at `level` that `code` lies under (or is): the county of a village is its first 6 digits. */
export function codeAtLevel(code: string, level: Level): string {
  return code.slice(0, LEVEL_SPECS[level].codeLength);
}
