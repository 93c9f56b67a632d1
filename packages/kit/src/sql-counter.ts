import { DefaultLogger, type LogContext, type LoggerOptions } from '@mikro-orm/core';

/**
 * Counts the SQL statements a subgraph sends. Tests use it to prove batching: a query's statement
 * count must not grow with the number of townships or villages it returns.
 */
export class SqlCounter {
  private n = 0;
  private recorded: string[] = [];
  record(query: string): void {
    this.n++;
    if (this.recorded.length < 1000) this.recorded.push(query);
  }
  get count(): number {
    return this.n;
  }
  get statements(): readonly string[] {
    return this.recorded;
  }
  reset(): void {
    this.n = 0;
    this.recorded = [];
  }
}

class CountingLogger extends DefaultLogger {
  constructor(options: LoggerOptions, private readonly counter: SqlCounter) {
    super(options);
  }
  override logQuery(context: { query: string } & LogContext): void {
    // Transaction control (begin/commit/savepoints) is not data access; leave it out of the count.
    if (!/^\s*(begin|commit|rollback|savepoint|release|start transaction|pragma)\b/i.test(context.query)) {
      this.counter.record(context.query);
    }
    super.logQuery(context);
  }
}

export function countingLoggerFactory(counter: SqlCounter) {
  return (options: LoggerOptions) => new CountingLogger(options, counter);
}
