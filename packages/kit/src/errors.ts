import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { randomBytes } from 'node:crypto';
import { chineseFirst, isDomainError } from '@scf/domain';

/** Bad input from a user: the message says which field and what is wrong. Nothing was written. */
// `code` is the error's own code; details come first so they can never overwrite it.
export function badInput(message: string, field?: string, details?: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { extensions: { ...details, code: 'BAD_USER_INPUT', ...(field ? { field } : {}) } });
}

export function notFound(message: string, details?: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { extensions: { ...details, code: 'NOT_FOUND' } });
}

/** A short id for one unexpected error: the client quotes it, the server log has the detail under it. */
export function newErrorId(): string {
  return randomBytes(6).toString('hex');
}

/** What a client is told when something went wrong on our side: nothing of what, only where to look it up. */
export function internalErrorMessage(errorId: string): string {
  return `服务器内部错误，请稍后再试；如一再出现，请把错误编号 ${errorId} 告诉管理员 / internal server error (error id ${errorId}): try again, and if it keeps happening give the administrator this id`;
}

/**
 * Rule violations from @scf/domain (DomainError and its kinds: bad input, forbidden, conflict…) carry a
 * stable code and a message written for the user; they reach the client as that code. So do GraphQL's own
 * refusals of a malformed request. Anything else is our fault and may carry anything — a database driver's
 * error holds the whole SQL statement with its bound values (ID numbers, phones, password hashes) and the
 * names of tables and indexes — so the client gets a generic message with an `errorId`, and the server log
 * gets the detail under that id. An error's own `code` is never trusted: mysql2's are `ER_DUP_ENTRY` and
 * the like.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (isDomainError(original)) {
    const code = original.code === 'INVALID_INPUT' ? 'BAD_USER_INPUT' : original.code;
    return {
      ...formatted,
      message: chineseFirst(code, original.message),
      extensions: { ...(original.details ?? {}), code, ...(original.field ? { field: original.field } : {}) },
    };
  }
  const code = formatted.extensions?.code;
  if (isGraphQLError(original) && !hasForeignCause(original)) {
    if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') return { ...formatted, message: chineseFirst(code, formatted.message) };
    // graphql-js's own refusal of the request (a bad enum value in a variable…) caused by nothing of ours;
    // Apollo Server names these BAD_USER_INPUT, an executable schema run directly leaves them without a code.
    if (code === undefined && (!original.originalError || isGraphQLError(original.originalError))) return { ...formatted, message: chineseFirst('BAD_USER_INPUT', formatted.message), extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT' } };
  }
  const errorId = newErrorId();
  console.error(`[internal error ${errorId}]`, original);
  return { message: internalErrorMessage(errorId), locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR', errorId } };
}

/**
 * graphql ships as CommonJS and as ESM, and a process may load both (Apollo one, our code the other), so
 * `instanceof GraphQLError` can be false for a real one: its name says what it is.
 */
function isGraphQLError(e: unknown): e is GraphQLError {
  return e instanceof GraphQLError || (e instanceof Error && e.name === 'GraphQLError');
}

/** What a resolver threw, out of the GraphQL error graphql-js wrapped it in (Apollo's helper, without `instanceof`). */
function unwrapResolverError(error: unknown): unknown {
  return isGraphQLError(error) && error.path && error.originalError ? error.originalError : error;
}

/** A GraphQL error wrapping something that is neither a GraphQL nor a domain error (e.g. "Context creation failed: <driver error>"). */
function hasForeignCause(e: GraphQLError): boolean {
  const cause = e.originalError;
  return !!cause && !isGraphQLError(cause) && !isDomainError(cause);
}
