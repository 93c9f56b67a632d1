import { GraphQLError, visit } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { plainTextProblem, TEXT_LIMITS, textLength } from '@scf/domain';

/** Secrets are not text anyone reads: a password may hold any character. */
const EXEMPT = new Set(['password', 'currentPassword', 'newPassword']);
/**
 * A punch machine's log (importPunches' `csv`) is a file, not a field: its resolver checks its size and
 * every row's username and time itself, naming the line (packages/duty/src/csv.ts).
 */
const FILE_ARGUMENTS = new Set(['csv']);

function refuse(field: string, problem: string, details?: Record<string, unknown>): never {
  // Status 200 as for any refused input: the gateway passes a subgraph's GraphQL errors on as they are,
  // but turns a non-2xx answer into an opaque one.
  throw new GraphQLError(`${field}: ${problem}`, { extensions: { ...details, code: 'BAD_USER_INPUT', field, http: { status: 200 } } });
}

/**
 * The ceiling for any string at all, passwords included: no column takes more (each mutation then checks
 * its own fields against their columns, with lower limits).
 */
function checkString(value: string, field: string, exempt: boolean): void {
  const length = textLength(value);
  const max = TEXT_LIMITS.anyInput;
  if (length > max) refuse(field, `最多 ${max} 个字符，现为 ${length} 个 / at most ${max} characters, got ${length}`, { maxLength: max, length });
  if (exempt) return;
  const problem = plainTextProblem(value);
  if (problem) refuse(field, problem);
}

function checkValue(value: unknown, path: string[], name: (path: string[]) => string, exempt = false): void {
  if (typeof value === 'string') {
    checkString(value, name(path), exempt);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => checkValue(v, path.concat(String(i)), name, exempt));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) checkValue(v, path.concat(k), name, exempt || EXEMPT.has(k));
  }
}

/**
 * Every string a request carries — inline or in variables, at any depth of an input — is checked as plain
 * text before any resolver runs, in every subgraph, so no level can forget a field (see plainTextProblem).
 */
export function plainTextGuard(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          // Where each variable is used, so a refusal names the field as the form knows it
          // (`applicant.name`, not `$i.applicant.name`); an `input` argument is the form itself.
          const usedAt = new Map<string, string[]>();
          let path: string[] = [];
          const fieldName = (p: string[]) => (p[0] === 'input' ? p.slice(1) : p).join('.');
          visit(document, {
            Argument: { enter: (n) => void (path = path.concat(n.name.value)), leave: () => void path.pop() },
            ObjectField: { enter: (n) => void (path = path.concat(n.name.value)), leave: () => void path.pop() },
            Field: { enter: () => void (path = []) },
            Variable(n) {
              if (path.length) usedAt.set(n.name.value, path.slice());
            },
            StringValue(n) {
              if (path.length && !FILE_ARGUMENTS.has(path[0]!)) checkString(n.value, fieldName(path), path.some((p) => EXEMPT.has(p)));
            },
          });
          for (const [name, value] of Object.entries(request.variables ?? {})) {
            const at = usedAt.get(name) ?? [name];
            if (FILE_ARGUMENTS.has(at[0]!)) continue;
            checkValue(value, at, fieldName, at.some((p) => EXEMPT.has(p)));
          }
        },
      };
    },
  };
}

