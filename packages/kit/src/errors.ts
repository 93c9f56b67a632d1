import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';

/** Bad input from a user: the message says which field and what is wrong. Nothing was written. */
// `code` is the error's own code; details come first so they can never overwrite it.
export function badInput(message: string, field?: string, details?: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { extensions: { ...details, code: 'BAD_USER_INPUT', ...(field ? { field } : {}) } });
}

export function notFound(message: string, details?: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { extensions: { ...details, code: 'NOT_FOUND' } });
}

interface CodedError extends Error {
  code: string;
  field?: string;
  details?: Record<string, unknown>;
}

function isCoded(e: unknown): e is CodedError {
  return e instanceof Error && typeof (e as CodedError).code === 'string' && /^[A-Z_]+$/.test((e as CodedError).code);
}

/**
 * Rule violations from @scf/domain carry a stable code; they reach the client as that code. Anything
 * else is our fault: the client gets a generic message and the log gets the detail.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof GraphQLError) return formatted;
  if (isCoded(original) && original.code !== 'ERR_INVALID_ARG_TYPE') {
    const code = original.code === 'INVALID_INPUT' ? 'BAD_USER_INPUT' : original.code;
    return {
      ...formatted,
      message: original.message,
      extensions: { ...(original.details ?? {}), code, ...(original.field ? { field: original.field } : {}) },
    };
  }
  const code = formatted.extensions?.code;
  if (code && code !== 'INTERNAL_SERVER_ERROR') return formatted;
  console.error('[internal error]', original);
  return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
