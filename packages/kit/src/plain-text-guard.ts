import { GraphQLError, visit } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { plainTextProblem } from '@scf/domain';

/** Secrets are not text anyone reads: a password may hold any character. */
const EXEMPT = new Set(['password', 'currentPassword', 'newPassword']);

function refuse(field: string, problem: string): never {
  // Status 200 as for any refused input: the gateway passes a subgraph's GraphQL errors on as they are,
  // but turns a non-2xx answer into an opaque one.
  throw new GraphQLError(`${field}: ${problem}`, { extensions: { code: 'BAD_USER_INPUT', field, http: { status: 200 } } });
}

function checkValue(value: unknown, path: string[], name: (path: string[]) => string): void {
  if (typeof value === 'string') {
    const problem = plainTextProblem(value);
    if (problem) refuse(name(path), problem);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => checkValue(v, path.concat(String(i)), name));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (!EXEMPT.has(k)) checkValue(v, path.concat(k), name);
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
              if (path.length && !path.some((p) => EXEMPT.has(p))) {
                const problem = plainTextProblem(n.value);
                if (problem) refuse(fieldName(path), problem);
              }
            },
          });
          for (const [name, value] of Object.entries(request.variables ?? {})) {
            const at = usedAt.get(name) ?? [name];
            if (at.some((p) => EXEMPT.has(p))) continue;
            checkValue(value, at, fieldName);
          }
        },
      };
    },
  };
}

