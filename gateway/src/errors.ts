import { randomBytes } from 'node:crypto';

/**
 * One unexpected error, as the gateway reports it: the client gets a generic message with an id to quote,
 * the log gets the detail under the same id (the subgraphs do the same, see @scf/kit formatError).
 */
export function newErrorId(): string {
  return randomBytes(6).toString('hex');
}

export function internalErrorMessage(errorId: string): string {
  return `服务器内部错误，请稍后再试；如一再出现，请把错误编号 ${errorId} 告诉管理员 / internal server error (error id ${errorId}): try again, and if it keeps happening give the administrator this id`;
}

/** Logs `detail` under a new error id and returns the id. */
export function logInternalError(where: string, detail: unknown): string {
  const errorId = newErrorId();
  console.error(`gateway: ${where} [internal error ${errorId}]:`, detail instanceof Error ? (detail.stack ?? detail.message) : detail);
  return errorId;
}
