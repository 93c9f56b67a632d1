export type Level = 'COUNTY' | 'TOWNSHIP' | 'VILLAGE';

export interface LevelNames {
  level: Level;
  /** GraphQL type of the point: County, Township, Village. */
  type: 'County' | 'Township' | 'Village';
  /** Query field prefix: county, township, village. */
  field: 'county' | 'township' | 'village';
  label: string;
}

export const LEVEL_NAMES: Record<Level, LevelNames> = {
  COUNTY: { level: 'COUNTY', type: 'County', field: 'county', label: 'county centre' },
  TOWNSHIP: { level: 'TOWNSHIP', type: 'Township', field: 'township', label: 'township centre' },
  VILLAGE: { level: 'VILLAGE', type: 'Village', field: 'village', label: 'village service room' },
};
