/**
 * The one error type the domain throws. Subgraphs map `code` to GraphQL
 * `extensions.code`, so codes are part of the public contract: add new ones, never rename.
 */
export class DomainError extends Error {
  constructor(
    public code: string,
    message: string,
    public field?: string,
    public details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const INVALID_INPUT = 'INVALID_INPUT';
export const TRANSITION_NOT_ALLOWED = 'TRANSITION_NOT_ALLOWED';

/**
 * A value a caller supplied is unusable. The message always starts with the field path
 * (`applicant.idNumber: ...`) because staff see it verbatim next to a form.
 */
export class InvalidInputError extends DomainError {
  constructor(field: string, problem: string, details?: Record<string, unknown>) {
    super(INVALID_INPUT, `${field}: ${problem}`, field, details);
    this.name = 'InvalidInputError';
  }
}

/** The Chinese names of states and actions; lifecycle.ts passes its tables in (it imports this file). */
export interface TransitionLabels {
  status: Readonly<Record<string, string>>;
  action: Readonly<Record<string, string>>;
}

/** The action exists, but not from the state the case is in now. */
export class TransitionNotAllowedError extends DomainError {
  constructor(state: string, action: string, allowed: readonly string[], labels?: TransitionLabels) {
    const now = allowed.length > 0 ? allowed.join(', ') : `none (${state} is final)`;
    const status = labels?.status[state] ?? state;
    const name = (a: string) => labels?.action[a] ?? a;
    const zhNow = allowed.length > 0 ? allowed.map(name).join('、') : '无（已是最终状态）';
    super(TRANSITION_NOT_ALLOWED, `不能对${status}的办件进行“${name(action)}”；现在可以：${zhNow} / Cannot ${action} a case that is ${state}; allowed now: ${now}`, undefined, {
      state,
      action,
      allowed: [...allowed],
    });
    this.name = 'TransitionNotAllowedError';
  }
}

/** Throws INVALID_INPUT; typed `never` so validators read as straight-line guards. */
export function invalid(field: string, problem: string, details?: Record<string, unknown>): never {
  throw new InvalidInputError(field, problem, details);
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
