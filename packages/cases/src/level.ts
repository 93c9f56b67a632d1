import { LEVEL_SPECS, type Level, type LevelSpec } from '@scf/domain';

/** The cases module names each level's types and fields from the one table of levels in @scf/domain. */
export type LevelNames = LevelSpec;
export type { Level };
export const LEVEL_NAMES = LEVEL_SPECS;
