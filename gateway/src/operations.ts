import { GraphQLError, Kind } from 'graphql';
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { operationCost, type CostOptions } from './cost.js';

/**
 * What one operation may cost (cost.ts): a caller who is not signed in reads public directories, the
 * catalogue and a tracked case, and gets a small fraction of what a member of staff may ask at once.
 * Not signed in, the largest real queries are the county's catalogue with its materials (~13,000) and the
 * county tree (~2,300). Staff: the dashboard page (~26,000), the whole county tree with each village's
 * cases (~150,000), every township's and village's catalogue at once (~490,000). One alias of the county
 * tree with every village's items and their materials and changes is ~6,000,000.
 */
export interface QueryBudgets {
  anonymous: number;
  staff: number;
}

export const DEFAULT_QUERY_BUDGETS: QueryBudgets = { anonymous: 25_000, staff: 1_000_000 };

/**
 * Fields that each cost far more than their size says — the dashboard adds up a county's cases at three
 * levels — and are limited per request, and in the period they cover. The subgraphs check the period
 * too (packages/dashboard, query.ts); the gateway refuses before any of them is asked.
 */
interface ExpensiveField {
  label: string;
  /** For staff only: refused to a caller who is not signed in before it is measured (the subgraph would refuse it anyway). */
  staffOnly?: boolean;
  perRequest: number;
  period?: { from: string; to: string; maxDays: number; earliest: string; latest: string };
}

export const EXPENSIVE_FIELDS: Readonly<Record<string, ExpensiveField>> = {
  'Query.countyDashboard': { label: '县级看板', staffOnly: true, perRequest: 1, period: { from: 'from', to: 'to', maxDays: 366, earliest: '2000-01-01', latest: '2099-12-31' } },
};

const WATCHED = new Set(Object.keys(EXPENSIVE_FIELDS));

const refuse = (message: string, extensions: Record<string, unknown>) => new GraphQLError(message, { extensions: { ...extensions, http: { status: 400 } } });

/** The day number of a real YYYY-MM-DD date, else null. */
function dayNumber(value: unknown): number | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return null;
  return t / 86_400_000;
}

/** Refuses a period that is not one the dashboard can count: out of range or longer than allowed. */
function checkPeriod(field: string, spec: NonNullable<ExpensiveField['period']>, args: Record<string, unknown>): void {
  const from = dayNumber(args[spec.from]);
  const to = dayNumber(args[spec.to]);
  // A value that is not a date at all is the subgraph's to refuse, in its own words.
  if (from === null || to === null) return;
  const earliest = dayNumber(spec.earliest)!;
  const latest = dayNumber(spec.latest)!;
  for (const [name, day] of [[spec.from, from], [spec.to, to]] as const) {
    if (day < earliest || day > latest) {
      throw refuse(`统计期须在 ${spec.earliest} 至 ${spec.latest} 之间，${name} 为 ${String(args[name])} / ${name}: ${String(args[name])} is outside the dates ${field} covers (${spec.earliest} to ${spec.latest})`, {
        code: 'BAD_USER_INPUT',
        field: name,
        min: spec.earliest,
        max: spec.latest,
      });
    }
  }
  const days = to - from + 1;
  if (days > spec.maxDays) {
    throw refuse(`统计期最长 ${spec.maxDays} 天，所选为 ${days} 天 / ${spec.to}: a period of ${field} is at most ${spec.maxDays} days, got ${days}; ask for a year or less at a time`, {
      code: 'BAD_USER_INPUT',
      field: spec.to,
      max: spec.maxDays,
    });
  }
}

/**
 * Checks each operation once it is known and before any subgraph is asked:
 * - a document Apollo cannot pick an operation from, or a subscription, is the client's mistake (400);
 * - the fields in EXPENSIVE_FIELDS: how often, and over what period;
 * - the operation's cost against the caller's budget (signed in or not).
 */
export function operationChecks(budgets: QueryBudgets, cost: CostOptions = {}): ApolloServerPlugin<{ actor: unknown }> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request, schema, contextValue }) {
          if (!operation) {
            const names = document.definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value ?? '(anonymous)'] : []));
            if (request.operationName) {
              throw refuse(`文档中没有名为 "${request.operationName}" 的操作 / the document has no operation named "${request.operationName}"; operationName must name one of: ${names.join(', ')}`, {
                code: 'OPERATION_RESOLUTION_FAILURE',
                operationName: request.operationName,
              });
            }
            throw refuse(`文档包含 ${names.length} 个操作，请用 operationName 指明执行哪一个 / the document holds ${names.length} operations (${names.join(', ')}): say which to run with operationName`, {
              code: 'OPERATION_RESOLUTION_FAILURE',
            });
          }
          if (operation.operation === 'subscription') {
            throw refuse('本系统不支持订阅，请改用查询 / subscriptions are not supported: ask with a query', { code: 'OPERATION_NOT_SUPPORTED', operation: 'subscription' });
          }
          let measured;
          try {
            measured = operationCost(schema, document, operation, request.variables ?? {}, WATCHED, cost);
          } catch (e) {
            // Our own fault, not the client's: say nothing of it beyond that, and let nothing through unmeasured.
            console.error(`gateway: measuring a query's cost failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
            throw new GraphQLError('网关暂时无法处理此查询 / the gateway could not check this query; try again, or tell the administrator', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
          }
          const signedIn = contextValue.actor != null;
          for (const [key, uses] of measured.uses) {
            const spec = EXPENSIVE_FIELDS[key]!;
            const field = key.slice(key.indexOf('.') + 1);
            if (spec.staffOnly && !signedIn && uses > 0) {
              throw new GraphQLError(`请先登录：${spec.label}仅供工作人员使用 / sign in first: ${field} is for members of staff`, {
                extensions: { code: 'UNAUTHENTICATED', field, http: { status: 401, headers: new HeaderMap([['www-authenticate', 'Bearer realm="scf"']]) } },
              });
            }
            if (uses > spec.perRequest) {
              throw refuse(`一次请求最多查询 ${spec.perRequest} 个${spec.label}（${field}），本次为 ${uses} 个 / one request may ask for ${field} at most ${spec.perRequest === 1 ? 'once' : `${spec.perRequest} times`}, this one asks ${uses} times: send one request each`, {
                code: 'GRAPHQL_VALIDATION_FAILED',
                limit: 'perRequest',
                field,
                max: spec.perRequest,
              });
            }
          }
          for (const use of measured.samples) {
            const spec = EXPENSIVE_FIELDS[use.field]!;
            if (spec.period) checkPeriod(use.field.slice(use.field.indexOf('.') + 1), spec.period, use.args);
          }
          const max = signedIn ? budgets.staff : budgets.anonymous;
          if (measured.cost > max) {
            const found = Math.ceil(measured.cost);
            throw refuse(
              signedIn
                ? `查询开销过大（${found}，上限 ${max}），请拆分查询或分页 / Cost limit of ${max} exceeded, found ${found}. Ask for less in one request: fewer aliases or nested lists, or page with first.`
                : `查询开销过大（${found}，未登录时上限 ${max}），请拆分查询或登录后再试 / Cost limit of ${max} exceeded, found ${found} (the limit for callers who are not signed in). Ask for less in one request: fewer aliases or nested lists.`,
              { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'cost', max, cost: found, signedIn },
            );
          }
        },
      };
    },
  };
}
