/**
 * Required columns are matched by their words (`createdAt` and `created_at` are one column), then
 * held to one spelling: what audit-columns and timestamp-columns both check before their own rules.
 */
import type { Range, Span } from '../../src/analysis/facts.js';
import { toSnakeCase } from '../../src/model/naming.js';

export interface ColumnSpellings<C> {
  /** Snake-case words of every column of the table. */
  present: Set<string>;
  /** Columns that are a known column spelled another way. */
  misspelled: Array<{ column: C; expected: string }>;
  /** Every column not misspelled (correctly spelled known ones included), with its snake-case words. */
  others: Array<{ column: C; snake: string }>;
}

/** `known` maps each required column's snake-case words to its one spelling. */
export function columnSpellings<C extends { name: string }>(columns: readonly C[], known: ReadonlyMap<string, string>): ColumnSpellings<C> {
  const result: ColumnSpellings<C> = { present: new Set(), misspelled: [], others: [] };
  for (const column of columns) {
    const snake = toSnakeCase(column.name);
    result.present.add(snake);
    const expected = known.get(snake);
    if (expected !== undefined && column.name !== expected) result.misspelled.push({ column, expected });
    else result.others.push({ column, snake });
  }
  return result;
}

/** One finding per misspelled column, at its name, with the spelling to use (both rules' `misspelled` message). */
export function misspelledColumnReports(
  tableName: string,
  misspelled: ReadonlyArray<{ column: { name: string; span: Span }; expected: string }>,
  locate: (span: Span) => Range,
) {
  return misspelled.map(({ column, expected }) => ({
    messageId: 'misspelled' as const,
    data: { column: column.name, table: tableName, expected },
    at: { range: locate(column.span) },
    help: `Rename the column to '${expected}'.`,
  }));
}
