import { GraphQLError, Kind, type ASTVisitor, type SelectionSetNode, type ValidationContext } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';

/**
 * What one GraphQL request may ask of the gateway. Each limit sits well above the largest real query (the
 * README's examples and test/federation: depth 6, 2 aliases, 127 tokens, no directives) and far below what
 * it takes to make the subgraphs do unbounded work. What a query costs — its lists by their real size — is
 * limited apart, by who asks (operations.ts and cost.ts).
 */
export const QUERY_LIMITS = {
  /**
   * Levels of selection. The deepest real query is 6 (county → townships → villages → cases → history →
   * field); 8 leaves room for one more hop. The schema has cycles (township → county → townships → …) that
   * would otherwise let one query fan out without end. Fragments do not count as a level.
   */
  depth: 8,
  /** Aliased fields: real queries use up to 2; more is how one request asks for the same thing many times. */
  aliases: 15,
  /** Lexical tokens in the document: the largest real one (an item with its materials) is ~130. */
  tokens: 2_000,
  /** Directives (@include, @skip): real queries use none. */
  directives: 20,
  /** Bytes of a /graphql request body: queries are ~1 kB, a big mutation's variables a few kB. */
  bodyBytes: 64 * 1024,
  /**
   * Bytes of a signed-in member of staff's /graphql body: a punch machine's month for a hall (some 12 000
   * rows) is about 500 kB of CSV. The subgraphs take up to 1 MB.
   */
  staffBodyBytes: 1000 * 1024,
  /** Bytes of a /auth/sign-in body: a username and a password. */
  signInBodyBytes: 4 * 1024,
} as const;

const IN_CHINESE: Partial<Record<keyof typeof QUERY_LIMITS, string>> = {
  depth: `查询嵌套过深（最多 ${QUERY_LIMITS.depth} 层）`,
  aliases: `查询别名过多（最多 ${QUERY_LIMITS.aliases} 个）`,
  directives: `查询指令过多（最多 ${QUERY_LIMITS.directives} 个）`,
};

/** A refused query's error: what was too much, by how much, and what to do instead. No "Syntax Error:" prefix. */
function refuse(limit: keyof typeof QUERY_LIMITS) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    const what = error.message.replace(/^Syntax Error:\s*/, '');
    context?.reportError(
      new GraphQLError(`${IN_CHINESE[limit]}，请拆分查询 / ${what} Ask for less in one request: split the query, or page through lists.`, {
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit, max: QUERY_LIMITS[limit] },
      }),
    );
  };
}

/**
 * Graphql-armor's validation rules: depth, aliases, directives. Its cost rule is off: it knows nothing of
 * the schema (a list of 300 items costs what one object does), so cost.ts counts instead. The token limit
 * is graphql-js's own parse option (see server.ts): armor's Apollo token plugin throws from a hook, which
 * turns a too-long query into a 500. Armor's suggestion blocker misses enum suggestions ("Did you mean the enum value …?") and
 * leaves a stray "?"; hideSuggestions() below does it instead.
 */
export function armor(): { plugins: ApolloServerPlugin[]; validationRules: ReturnType<ApolloArmor['protect']>['validationRules'] } {
  const reporting = (limit: keyof typeof QUERY_LIMITS) => ({ propagateOnRejection: false, onReject: [refuse(limit)], exposeLimits: true });
  const { plugins, validationRules } = new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.depth, flattenFragments: true, ignoreIntrospection: true, ...reporting('depth') },
    maxAliases: { n: QUERY_LIMITS.aliases, ...reporting('aliases') },
    costLimit: { enabled: false },
    maxDirectives: { n: QUERY_LIMITS.directives, ...reporting('directives') },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return { plugins, validationRules };
}

/**
 * Production hides GraphQL's "Did you mean …?" hints (fields, types, arguments, enum values): with
 * introspection off they are the other way to read the schema from outside, one guess at a time.
 */
export function hideSuggestions(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) (error as { message: string }).message = error.message.replace(/\s*Did you mean [^?]*\?/g, '');
        },
      };
    },
  };
}

/**
 * One change per request. GraphQL runs a mutation's root fields one after another and keeps what the
 * earlier ones wrote when a later one is refused — and a refused non-null field turns the whole answer into
 * `data: null`, so the caller reads "nothing happened" over a half-saved change. Each level commits one
 * field's change in one transaction; asking for one per request makes every answer the whole truth.
 */
export function oneChangePerRequest(context: ValidationContext): ASTVisitor {
  const rootFields = (set: SelectionSetNode): number =>
    set.selections.reduce((n, s) => {
      if (s.kind === Kind.FIELD) return n + (s.name.value === '__typename' ? 0 : 1);
      if (s.kind === Kind.INLINE_FRAGMENT) return n + rootFields(s.selectionSet);
      const fragment = context.getFragment(s.name.value);
      return n + (fragment ? rootFields(fragment.selectionSet) : 0);
    }, 0);
  return {
    OperationDefinition(node) {
      if (node.operation !== 'mutation') return;
      const fields = rootFields(node.selectionSet);
      if (fields > 1) {
        context.reportError(
          new GraphQLError(`一次请求只能提交一项修改，本请求有 ${fields} 项，请逐项分开提交 / A mutation may change one thing per request; this one has ${fields} root fields. Send each as its own request, so that each answer says exactly what was saved.`, {
            nodes: [node],
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'mutationFields', max: 1, fields },
          }),
        );
      }
    },
  };
}
