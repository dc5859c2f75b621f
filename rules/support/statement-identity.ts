import type { SqlStatement } from '../../src/analysis/facts.js';

/**
 * The statement text a finding's fingerprint is made of. A bulk run (consecutive INSERTs of a
 * dump, analysed as one statement: `bulkStatements`) is not one statement to a reader: its whole
 * text would tie the finding to every row of the dump, so that adding a row changed it, and would
 * hash tens of megabytes per finding. Its identity is the INSERT holding offset `at` (where the
 * reference starts), from the `;` before it up to `at`.
 */
export function statementIdentity(statement: SqlStatement | undefined, at: number): string {
  if (!statement) return '';
  if (statement.bulkStatements === undefined) return statement.text;
  const offset = at - statement.span.start;
  return statement.text.slice(statement.text.lastIndexOf(';', offset) + 1, offset);
}
