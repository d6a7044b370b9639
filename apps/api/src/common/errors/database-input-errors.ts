import { QueryFailedError } from 'typeorm';

/**
 * PostgreSQL's SQLSTATEs for a value it refused as input, not for a fault of its own: class 22 (data
 * exception: a character it cannot store, text that is no uuid or number, a date or number out of range,
 * a bad LIKE escape, a value too long) and class 54 (program limit: an index row or a statement too
 * large). The validation rules refuse such requests before they reach the database; when one gets
 * through, it is still the caller's input, so it is answered 400, and logged as a missing rule.
 * See https://www.postgresql.org/docs/15/errcodes-appendix.html.
 */
const INPUT_CLASSES = ['22', '54'];

export interface DatabaseInputError {
  sqlState: string;
  column?: string;
}

/** The SQLSTATE (and column, when PostgreSQL names one) of a query that failed on its input, else undefined. */
export function databaseInputError(error: unknown): DatabaseInputError | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const driver = error.driverError as { code?: unknown; column?: unknown } | undefined;
  const code = driver?.code;
  if (typeof code !== 'string' || !INPUT_CLASSES.includes(code.slice(0, 2))) return undefined;
  return { sqlState: code, ...(typeof driver?.column === 'string' ? { column: driver.column } : {}) };
}
