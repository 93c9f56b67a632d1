import { GraphQLError, visit, type ASTNode } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { plainTextProblem } from '@scf/domain';

/** Secrets are not text anyone reads: a password may hold any character. */
const EXEMPT = new Set(['password', 'currentPassword', 'newPassword']);

function refuse(field: string, problem: string): never {
  // Status 200 as for any refused input: the gateway passes a subgraph's GraphQL errors on as they are,
  // but turns a non-2xx answer into an opaque one.
  throw new GraphQLError(`${field}: ${problem}`, { extensions: { code: 'BAD_USER_INPUT', field, http: { status: 200 } } });
}

function checkValue(value: unknown, path: string): void {
  if (typeof value === 'string') {
    const problem = plainTextProblem(value);
    if (problem) refuse(path, problem);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => checkValue(v, `${path}.${i}`));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (!EXEMPT.has(k)) checkValue(v, path ? `${path}.${k}` : k);
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
          const exemptVariables = new Set<string>();
          const named = (node: ASTNode & { name: { value: string } }, path: string[]) => path.concat(node.name.value);
          let path: string[] = [];
          visit(document, {
            Argument: { enter: (n) => void (path = named(n, path)), leave: () => void path.pop() },
            ObjectField: { enter: (n) => void (path = named(n, path)), leave: () => void path.pop() },
            Field: { enter: () => void (path = []) },
            Variable(n) {
              if (path.some((p) => EXEMPT.has(p))) exemptVariables.add(n.name.value);
            },
            StringValue(n) {
              if (path.length && !path.some((p) => EXEMPT.has(p))) {
                const problem = plainTextProblem(n.value);
                if (problem) refuse(path.join('.'), problem);
              }
            },
          });
          for (const [name, value] of Object.entries(request.variables ?? {})) if (!exemptVariables.has(name)) checkValue(value, name);
        },
      };
    },
  };
}

