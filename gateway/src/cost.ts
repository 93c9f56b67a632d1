import {
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type GraphQLType,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/*
 * Types are told apart by their Symbol.toStringTag, not instanceof: the schema comes from whichever copy
 * of graphql-js Apollo loaded (CommonJS), which need not be the one this module imports (ESM).
 */
const tag = (t: unknown) => (t as { [Symbol.toStringTag]?: string } | null | undefined)?.[Symbol.toStringTag];
type FieldsOf = { name: string; getFields(): Record<string, GraphQLField<unknown, unknown>> };
const withFields = (t: unknown): FieldsOf | undefined => (tag(t) === 'GraphQLObjectType' || tag(t) === 'GraphQLInterfaceType' ? (t as FieldsOf) : undefined);
const isComposite = (t: unknown): t is GraphQLNamedType => ['GraphQLObjectType', 'GraphQLInterfaceType', 'GraphQLUnionType'].includes(tag(t) ?? '');
const nullable = (t: GraphQLType): GraphQLType => (tag(t) === 'GraphQLNonNull' ? (t as { ofType: GraphQLType }).ofType : t);
const named = (t: GraphQLType): GraphQLType => ('ofType' in t ? named((t as { ofType: GraphQLType }).ofType) : t);
const isList = (t: GraphQLType) => tag(nullable(t)) === 'GraphQLList';

/**
 * How many items each list of the schema holds in a real county, for the cost of a query. A list field
 * multiplies what is asked of each of its items by this; a field with a `first` argument by the number
 * asked for (or the argument's default). Sizes are typical-to-large real counts, not maxima: a county has
 * 15–50 townships, a township 10–40 villages, a catalogue a few hundred items. Every list field of the
 * public schema has an entry (gateway/test/cost.test.ts fails on one without): a new list gets a size
 * when it is added, not the default by accident.
 */
export const LIST_SIZES: Readonly<Record<string, number>> = {
  // Divisions
  'Query.counties': 5,
  'County.townships': 30,
  'Township.villages': 25,
  // The catalogue: hundreds of items, nearly all taken in anywhere (R4); each level decides its own share
  'County.serviceItems': 300,
  'County.itemsTakenIn': 300,
  'County.itemsDecided': 250,
  'Township.itemsTakenIn': 300,
  'Township.itemsDecided': 60,
  'Village.itemsTakenIn': 300,
  'Village.itemsDecided': 20,
  'ServiceItem.materials': 8,
  'ServiceItem.changes': 5,
  'ServiceItem.intakeLevels': 3,
  'Query.calendarOverrides': 30,
  'Query.calendarYears': 10,
  // Staff and windows
  'County.staff': 60,
  'County.windowUnits': 15,
  'WindowUnit.windows': 3,
  'WindowUnit.staff': 6,
  'Window.staff': 3,
  'Township.staff': 15,
  'Village.staff': 3,
  // Attendance (duty): a month's days, a day's punches (four, a few more from double taps), the monthly rules
  'AttendanceMonth.days': 31,
  'AttendanceDay.punches': 6,
  'AttendanceMonth.monthRules': 2,
  // A point's staff: a county hall of some 30 windows with A and B posts, and its office.
  'AttendanceSheet.rows': 120,
  'AttendanceSheetRow.monthRules': 2,
  // The county hall's numbered windows (a township's desks, a village's one counter), each with A and B.
  'WindowsNow.windows': 60,
  'WindowNow.holders': 3,
  // A point's case lists. `cases` is paged: its size is the `first` asked for (the schema's default 50).
  'County.cases': 50,
  'Township.cases': 50,
  'Village.cases': 50,
  'County.casesAway': 50,
  'Township.casesAway': 50,
  'Village.casesAway': 50,
  'County.forwardedToMe': 50,
  'Township.forwardedToMe': 50,
  'Village.forwardedToMe': 50,
  'County.supervisionRecords': 50,
  'Township.supervisionRecords': 50,
  'Village.supervisionRecords': 50,
  'County.complaints': 50,
  'Complaint.history': 5,
  // Refused hand-overs waiting for a director: few, and each with its few reviews
  'County.failedHandovers': 20,
  'Township.failedHandovers': 20,
  'Village.failedHandovers': 20,
  'Handover.reviews': 5,
  // The cases behind a dashboard figure: a page of them (the `first` asked for)
  'DashboardCaseList.cases': 50,
  // How a point uses its items: one row per item it took cases in for
  'County.itemUse': 60,
  'Township.itemUse': 40,
  'Village.itemUse': 15,
  // One case
  'CountyCase.allowedActions': 5,
  'TownshipCase.allowedActions': 5,
  'VillageCase.allowedActions': 5,
  'CountyCase.materials': 8,
  'TownshipCase.materials': 8,
  'VillageCase.materials': 8,
  'CountyCase.history': 10,
  'TownshipCase.history': 10,
  'VillageCase.history': 10,
  'CountyCase.supervisionRecords': 3,
  'TownshipCase.supervisionRecords': 3,
  'VillageCase.supervisionRecords': 3,
  'CountyCase.personalDataReads': 10,
  'TownshipCase.personalDataReads': 10,
  'VillageCase.personalDataReads': 10,
  'PersonalDataRead.fields': 4,
  'CaseEvent.missingMaterials': 5,
  'CaseTrack.hops': 6,
  'CaseView.hops': 6,
  // A forwarded case as its receiver reads it: the origin's materials and the hops so far
  'CountyForwardedCase.materials': 8,
  'TownshipForwardedCase.materials': 8,
  'VillageForwardedCase.materials': 8,
  'CountyForwardedCase.history': 6,
  'TownshipForwardedCase.history': 6,
  'VillageForwardedCase.history': 6,
  'MyCaseTrack.steps': 10,
  'MyCaseTrack.whatToBring': 8,
  // The county dashboard
  'CountyDashboard.levels': 3,
  'CountyDashboard.townships': 30,
  'DashboardArea.villages': 25,
  'CountyDashboard.units': 30,
  'CountyDashboard.items': 300,
  'CountyDashboard.daily': 366,
  'DashboardAlerts.cases': 200,
};

/** The size of a list the table above does not name (only until the test above catches it). */
export const DEFAULT_LIST_SIZE = 20;

export interface CostOptions {
  listSizes?: Readonly<Record<string, number>>;
  defaultListSize?: number;
}

/** One use of a field the gateway limits per request (see operations.ts), with its arguments as sent. */
export interface FieldUse {
  field: string;
  args: Record<string, unknown>;
}

export interface OperationCost {
  /** 1 per field; an object's fields on top; a list times its size (nested lists multiply). */
  cost: number;
  /** How often each watched field ("Type.field") is asked for, aliases and fragments included. */
  uses: Map<string, number>;
  /** The arguments of the first few uses of each watched field, to check them. */
  samples: FieldUse[];
}

const SAMPLES = 10;

/** What a selection costs and which watched fields it uses, before any list around it multiplies it. */
interface Tally {
  cost: number;
  uses: Map<string, number>;
  samples: FieldUse[];
}

function valueOf(node: ValueNode, variables: Record<string, unknown>): unknown {
  switch (node.kind) {
    case Kind.VARIABLE:
      return variables[node.name.value];
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.STRING:
    case Kind.ENUM:
      return node.value;
    case Kind.BOOLEAN:
      return node.value;
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return node.values.map((v) => valueOf(v, variables));
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((f) => [f.name.value, valueOf(f.value, variables)]));
  }
}

/** A field's arguments as sent (literals and variables), with the schema's defaults for the rest. */
function argumentsOf(def: GraphQLField<unknown, unknown>, node: FieldNode, variables: Record<string, unknown>): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const a of def.args) if (a.defaultValue !== undefined) args[a.name] = a.defaultValue;
  for (const a of node.arguments ?? []) {
    const v = valueOf(a.value, variables);
    if (v !== undefined) args[a.name.value] = v;
  }
  return args;
}

/**
 * The cost of one operation against the public schema, and the uses of the `watched` fields. Each
 * fragment is costed once and reused wherever it is spread, so a document that spreads fragments into
 * each other many times over costs the gateway no more to measure than its length.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  watched: ReadonlySet<string>,
  options: CostOptions = {},
): OperationCost {
  const sizes = options.listSizes ?? LIST_SIZES;
  const defaultSize = options.defaultListSize ?? DEFAULT_LIST_SIZE;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const fragmentTallies = new Map<string, Tally>();

  const empty = (): Tally => ({ cost: 0, uses: new Map(), samples: [] });
  const addInto = (into: Tally, part: Tally, times: number) => {
    into.cost += part.cost * times;
    for (const [k, n] of part.uses) into.uses.set(k, (into.uses.get(k) ?? 0) + n * times);
    for (const s of part.samples) if (into.samples.length < SAMPLES) into.samples.push(s);
  };

  const selectionSet = (set: SelectionSetNode, parent: GraphQLNamedType): Tally => {
    const tally = empty();
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        addInto(tally, field(sel, parent), 1);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const on = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
        addInto(tally, selectionSet(sel.selectionSet, isComposite(on) ? on : parent), 1);
      } else {
        const name = sel.name.value;
        let t = fragmentTallies.get(name);
        if (!t) {
          const fragment = fragments.get(name);
          const on = fragment ? schema.getType(fragment.typeCondition.name.value) : undefined;
          t = fragment && isComposite(on) ? selectionSet(fragment.selectionSet, on) : empty();
          fragmentTallies.set(name, t);
        }
        addInto(tally, t, 1);
      }
    }
    return tally;
  };

  const field = (node: FieldNode, parent: GraphQLNamedType): Tally => {
    const name = node.name.value;
    // __typename is answered by the gateway itself; introspection is limited (and off in production) apart.
    if (name.startsWith('__')) return empty();
    const def = withFields(parent)?.getFields()[name];
    const tally = empty();
    tally.cost = 1;
    if (!def) return tally;
    const key = `${parent.name}.${name}`;
    if (watched.has(key)) {
      tally.uses.set(key, 1);
      tally.samples.push({ field: key, args: argumentsOf(def, node, variables) });
    }
    if (node.selectionSet) {
      const inner = named(def.type);
      if (isComposite(inner)) addInto(tally, selectionSet(node.selectionSet, inner), 1);
    }
    if (!isList(def.type)) return tally;
    let size = sizes[key] ?? defaultSize;
    const first = def.args.some((a) => a.name === 'first') ? argumentsOf(def, node, variables).first : undefined;
    if (typeof first === 'number' && Number.isFinite(first)) size = Math.max(1, first);
    const list = empty();
    addInto(list, tally, size);
    return list;
  };

  const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  if (!root) return { cost: 0, uses: new Map(), samples: [] };
  return selectionSet(operation.selectionSet, root);
}
