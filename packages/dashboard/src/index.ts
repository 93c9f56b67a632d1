export { levelFigures, SATISFIED_LEVELS, type LevelFigures, type PointFigures, type ItemFigures, type UnitFigures, type DayFigures } from './figures.js';
export { rates, type Rates } from './rates.js';
export { COUNTERS, emptyCounts, addCounts, type Counts, type Counter } from './counts.js';
export { yellowUntil, type OpenAlert, type OpenAlerts } from './alerts.js';
export { DEFAULT_ALERT_LIMIT, MAX_PERIOD_DAYS, EARLIEST_DAY, LATEST_DAY, periodOf, type FiguresQuery } from './query.js';
export { dashboardMigration } from './migration.js';
export { sharedDashboardTypeDefs, levelDashboardTypeDefs, levelDashboardResolvers, levelDashboardData, requireDashboardReader, DASHBOARD_DATA_SELECTION, type DashboardLevelData, type DashboardPoint } from './graphql.js';
export { levelDashboardModule, dashboardMigrations, drillTypeDefsOf, drillResolversOf } from './module.js';
export { casesBehind, DRILL_FIGURES, MAX_DRILL_CASES, type DrillFigure, type CaseBehind } from './cases-behind.js';
