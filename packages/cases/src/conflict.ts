import { DomainError } from '@scf/domain';

/** Two clerks acted on the same case: the one whose version is stale is told what the case is now. */
export class ConflictError extends DomainError {
  constructor(caseNo: string, expected: number, actual: { version: number; status: string }) {
    super('CONFLICT', `Case ${caseNo} was changed by someone else since version ${expected}: it is now version ${actual.version}, ${actual.status}. Reload it and try again.`, 'expectedVersion', {
      currentVersion: actual.version, currentStatus: actual.status,
    });
  }
}
