import type express from 'express';
import { Kind, parse, print, visit, type DocumentNode, type FieldNode, type ValueNode } from 'graphql';
import type { Actor } from '@scf/auth';
import { LEVEL_SPECS, levelOfPointCode, type Level } from '@scf/domain';

/**
 * Root fields one shape serves at every level (issue 14: `punch`, `importPunches`, `attendanceMonth`…).
 * Each level's subgraph answers its own twin (`townshipPunch`, `importVillagePunches`…); the county's
 * subgraph owns the shared name, so the supergraph documents it. Before the gateway plans a request, each
 * such field is renamed to the twin of the level it is for, under its own response name: `punch` by the
 * signed-in member of staff's level, the others by the level of the point or username they name. A field
 * whose level cannot be told (no token, a malformed code) stays as it is, and the county's answer refuses it.
 */
const ROUTED: Record<string, { by: 'actor' | 'pointCode' | 'username'; twin: (l: Level) => string }> = {
  punch: { by: 'actor', twin: (l) => `${LEVEL_SPECS[l].field}Punch` },
  importPunches: { by: 'pointCode', twin: (l) => `import${LEVEL_SPECS[l].type}Punches` },
  workSchedule: { by: 'pointCode', twin: (l) => `${LEVEL_SPECS[l].field}WorkSchedule` },
  setWorkSchedule: { by: 'pointCode', twin: (l) => `set${LEVEL_SPECS[l].type}WorkSchedule` },
  attendanceMonth: { by: 'username', twin: (l) => `${LEVEL_SPECS[l].field}AttendanceMonth` },
  windowsNow: { by: 'pointCode', twin: (l) => `${LEVEL_SPECS[l].field}WindowsNow` },
  attendanceSheet: { by: 'pointCode', twin: (l) => `${LEVEL_SPECS[l].field}AttendanceSheet` },
};

const USERNAME_POINT = /^(\d{6}|\d{9}|\d{12})\./;

function argument(field: FieldNode, name: string, variables: Record<string, unknown>): unknown {
  const value: ValueNode | undefined = field.arguments?.find((a) => a.name.value === name)?.value;
  if (!value) return undefined;
  if (value.kind === Kind.STRING) return value.value;
  if (value.kind === Kind.VARIABLE) return variables[value.name.value];
  return undefined;
}

/** The request's document with routed root fields renamed to their level's twin; undefined when nothing changes. */
export function routeToLevels(query: string, variables: Record<string, unknown>, actor: Actor | null): string | undefined {
  if (!Object.keys(ROUTED).some((name) => query.includes(name))) return undefined;
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch {
    return undefined; // Apollo refuses it with its own words.
  }
  let changed = false;
  const routed = visit(document, {
    OperationDefinition(op) {
      const selections = op.selectionSet.selections.map((sel) => {
        if (sel.kind !== Kind.FIELD) return sel;
        const rule = ROUTED[sel.name.value];
        if (!rule) return sel;
        let level: Level | undefined;
        if (rule.by === 'actor') level = actor?.level;
        else if (rule.by === 'pointCode') level = levelOfPointCode(argument(sel, 'pointCode', variables));
        else {
          const username = argument(sel, 'username', variables);
          const m = typeof username === 'string' ? USERNAME_POINT.exec(username) : null;
          level = m ? levelOfPointCode(m[1]) : undefined;
        }
        if (!level || level === 'COUNTY') return sel;
        changed = true;
        return { ...sel, alias: sel.alias ?? { kind: Kind.NAME, value: sel.name.value }, name: { kind: Kind.NAME, value: rule.twin(level) } } satisfies FieldNode;
      });
      return { ...op, selectionSet: { ...op.selectionSet, selections } };
    },
  });
  return changed ? print(routed) : undefined;
}

/** Express middleware, after the body is parsed and before Apollo: rewrites `req.body.query` in place. */
export function levelRouting(actorOf: (req: express.Request) => Promise<Actor | null>): express.RequestHandler {
  return (req, _res, next) => {
    const body = req.body as { query?: unknown; variables?: unknown } | undefined;
    if (!body || typeof body.query !== 'string') return next();
    const query = body.query;
    const variables = body.variables && typeof body.variables === 'object' ? (body.variables as Record<string, unknown>) : {};
    actorOf(req)
      .catch(() => null)
      .then((actor) => {
        const routed = routeToLevels(query, variables, actor);
        if (routed !== undefined) body.query = routed;
        next();
      }, next);
  };
}
